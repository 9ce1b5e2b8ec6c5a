package dev.idxmig.doctor;

import dev.idxmig.base.Finding;
import dev.idxmig.base.Severity;

import java.util.Optional;

/** Indexes whose columns lead another index: the longer one serves their queries, they only cost writes. */
final class RedundantIndexes extends DoctorCheck {
    RedundantIndexes() {
        super("redundant-index", Severity.WARNING, "doctor_redundant_indexes");
    }

    @Override
    Finding finding(Row row, Optional<Row> context) {
        return finding(row.text("index_name"), "covered by " + row.text("covering_index") + onTable(row) + size(row)
                        + ": its columns lead " + row.text("covering_definition"),
                row.text("drop_statement"));
    }

    @Override
    Optional<IndexDrop> drop(Row row, Optional<Row> context) {
        return Optional.of(new IndexDrop(row.text("schema_name"), row.text("table_name"), row.text("index_name"),
                row.text("drop_statement"), "redundant: its columns lead " + row.text("covering_index")));
    }
}
