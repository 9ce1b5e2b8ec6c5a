package dev.idxmig.db;

/**
 * The constraint an index stands behind: a primary key, unique or exclusion constraint. Such an index is created
 * and dropped through its constraint ({@code ALTER TABLE ... ADD/DROP CONSTRAINT}); dropping the index alone fails.
 *
 * @param name       the constraint's name (PostgreSQL keeps it equal to the index's)
 * @param kind       what it is
 * @param definition the database's own text after the name: {@code UNIQUE (code)}, {@code PRIMARY KEY (id)},
 *                   {@code EXCLUDE USING gist (r WITH &&)} (PostgreSQL's {@code pg_get_constraintdef})
 */
public record IndexConstraint(String name, Kind kind, String definition) {

    public enum Kind {
        PRIMARY_KEY("primary key"), UNIQUE("unique constraint"), EXCLUDE("exclusion constraint");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** PostgreSQL's pg_constraint.contype: p, u or x. */
        public static Kind fromCode(String code) {
            return switch (code) {
                case "p" -> PRIMARY_KEY;
                case "u" -> UNIQUE;
                case "x" -> EXCLUDE;
                default -> throw new IllegalArgumentException("not an index-backed constraint: " + code);
            };
        }
    }

    /** The constraint of an index as the ledger records it: its name and the database's definition text. */
    public static IndexConstraint of(String name, String definition) {
        Kind kind = definition.startsWith("PRIMARY KEY") ? Kind.PRIMARY_KEY
                : definition.startsWith("EXCLUDE") ? Kind.EXCLUDE : Kind.UNIQUE;
        return new IndexConstraint(name, kind, definition);
    }

    /** "unique constraint u_code_key UNIQUE (code)": for reports. */
    public String describe() {
        return kind.label() + " " + name + " " + definition;
    }

    /**
     * The deferral clause at the end of the definition ({@code " DEFERRABLE INITIALLY DEFERRED"}, {@code "
     * DEFERRABLE"}), empty for the default (not deferrable): what {@code ADD CONSTRAINT ... USING INDEX} must repeat,
     * since the index does not carry it. pg_get_constraintdef ends every definition with it.
     */
    public String deferral() {
        java.util.regex.Matcher m = DEFERRAL.matcher(definition);
        return m.find() ? m.group() : "";
    }

    private static final java.util.regex.Pattern DEFERRAL =
            java.util.regex.Pattern.compile("(?: DEFERRABLE)?(?: INITIALLY (?:DEFERRED|IMMEDIATE))?$");

    /**
     * Whether the constraint can be added over an index built beforehand ({@code ADD CONSTRAINT ... USING INDEX}),
     * so the long part runs {@code CONCURRENTLY}: primary keys and unique constraints, not exclusion constraints.
     */
    public boolean addableUsingIndex() {
        return kind != Kind.EXCLUDE;
    }
}
