package dev.idxmig.doctor;

import dev.idxmig.base.Finding;
import dev.idxmig.base.Severity;

import java.util.Optional;

/** Indexes with a boolean key column: two values narrow little; a partial index usually does better. */
final class BooleanIndexes extends DoctorCheck {
    BooleanIndexes() {
        super("boolean-index", Severity.WARNING, "doctor_boolean_indexes");
    }

    @Override
    Finding finding(Row row, Optional<Row> context) {
        String columns = row.text("boolean_columns");
        String hint = row.optionalText("hint").isPresent() ? row.text("hint") // the dialect's own (no partial indexes)
                : row.number("key_column_count") == 1
                ? "index the rows you look for instead: a partial index ... WHERE " + columns
                        + " (or WHERE NOT " + columns + "), on the columns you search them by"
                : "move " + columns + " out of the key into a WHERE clause (a partial index), or last in the key";
        return finding(row.text("index_name"), "boolean column " + columns + " in the key" + onTable(row)
                + size(row) + ": " + row.text("definition"), hint);
    }
}
