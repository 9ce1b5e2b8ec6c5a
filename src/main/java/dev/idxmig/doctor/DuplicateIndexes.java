package dev.idxmig.doctor;

import dev.idxmig.base.Finding;
import dev.idxmig.base.Severity;

import java.util.Optional;

/** Indexes with the same definition as another one: every write maintains both, the planner uses one. */
final class DuplicateIndexes extends DoctorCheck {
    DuplicateIndexes() {
        super("duplicate-index", Severity.WARNING, "doctor_duplicate_indexes");
    }

    @Override
    Finding finding(Row row, Optional<Row> context) {
        String hint = row.optionalText("drop_statement")
                .orElse("it backs a constraint: drop the duplicate constraint instead (ALTER TABLE ... DROP "
                        + "CONSTRAINT)");
        return finding(row.text("index_name"), "duplicate of " + row.text("kept_index") + onTable(row) + size(row)
                + ": " + row.text("definition"), hint);
    }

    @Override
    Optional<IndexDrop> drop(Row row, Optional<Row> context) {
        return row.optionalText("drop_statement").map(statement -> new IndexDrop(row.text("schema_name"),
                row.text("table_name"), row.text("index_name"), statement,
                "duplicate of " + row.text("kept_index") + " (same definition)"));
    }
}
