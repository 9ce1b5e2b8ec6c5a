package dev.idxmig.doctor;

import dev.idxmig.base.Finding;
import dev.idxmig.base.Severity;

import java.util.Optional;

/**
 * Invalid indexes: an error, because writes keep paying for them while no query can use them, and a leftover
 * of a failed concurrent build also blocks {@code CREATE INDEX CONCURRENTLY IF NOT EXISTS} from ever retrying.
 */
final class InvalidIndexes extends DoctorCheck {
    InvalidIndexes() {
        super("invalid-index", Severity.ERROR, "doctor_invalid_indexes");
    }

    @Override
    Finding finding(Row row, Optional<Row> context) {
        String index = row.text("index_name");
        String hint = index.contains("_ccnew")
                ? "a leftover of a failed REINDEX CONCURRENTLY: " + row.text("drop_statement")
                : row.text("drop_statement") + " then build it again: " + row.text("create_statement");
        return finding(index, "invalid" + onTable(row) + size(row)
                + ": a failed concurrent build left it; writes maintain it, queries never use it", hint);
    }
}
