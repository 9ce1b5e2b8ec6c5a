package dev.idxmig.script;

import java.util.List;
import java.util.Optional;

/**
 * An index an {@code ALTER TABLE} action builds without the word INDEX: {@code ADD [CONSTRAINT c] UNIQUE (...)},
 * {@code ADD [CONSTRAINT c] PRIMARY KEY (...)}, {@code ADD CONSTRAINT c EXCLUDE USING ...}, or
 * {@code ADD COLUMN x ... UNIQUE|PRIMARY KEY}. The {@code ... USING INDEX existing} forms build nothing and are not
 * listed.
 *
 * @param kind       which constraint: {@code UNIQUE}, {@code PRIMARY KEY} or {@code EXCLUDE}
 * @param constraint the constraint's name, when the action gives one
 * @param columns    the key's plain column names (empty for an expression or an EXCLUDE list)
 * @param addsColumn the key is declared on a column the same action adds
 * @param line       1-based line of the action in the script
 * @param column     1-based column of the action in the script
 */
public record ConstraintIndex(Kind kind, Optional<String> constraint, List<String> columns, boolean addsColumn,
                              int line, int column) {

    /** The constraints that build an index; {@link #toString()} is the SQL that names them. */
    public enum Kind {
        UNIQUE("UNIQUE"), PRIMARY_KEY("PRIMARY KEY"), EXCLUDE("EXCLUDE");

        private final String sql;

        Kind(String sql) {
            this.sql = sql;
        }

        @Override
        public String toString() {
            return sql;
        }
    }

    public ConstraintIndex {
        columns = List.copyOf(columns);
    }

    /** The action as a reader would write it back: {@code ADD CONSTRAINT c UNIQUE (a, b)}. */
    public String describe() {
        String cols = columns.isEmpty() ? "" : " (" + String.join(", ", columns) + ")";
        if (addsColumn) {
            return "ADD COLUMN " + String.join(", ", columns) + " ... " + kind;
        }
        return "ADD " + constraint.map(c -> "CONSTRAINT " + c + " ").orElse("") + kind + cols;
    }
}
