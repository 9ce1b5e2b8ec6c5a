package dev.idxmig.doctor;

import dev.idxmig.base.Finding;
import dev.idxmig.base.Severity;

import java.util.Optional;

/**
 * Foreign keys without an index on the referencing columns: an error, because every delete or key update on the
 * referenced table then scans the whole referencing table, under lock, and neither database creates that index.
 * Each dialect's query says in {@code accepted} which partial indexes it counts as covering (PostgreSQL: those
 * whose predicate is only IS NOT NULL on the key's columns, as Rails writes them), and the message repeats it.
 */
final class ForeignKeysWithoutIndex extends DoctorCheck {
    ForeignKeysWithoutIndex() {
        super("foreign-key-without-index", Severity.ERROR, "doctor_foreign_keys_without_index");
    }

    @Override
    Finding finding(Row row, Optional<Row> context) {
        return finding(row.text("constraint_name"), row.text("table_name") + " (" + row.text("columns")
                        + ") references " + row.text("referenced_table") + " with no index on those columns ("
                        + row.text("accepted") + "): each delete in " + row.text("referenced_table") + " scans "
                        + row.text("table_name"),
                "index the referencing columns in a migration: " + row.text("create_statement"));
    }
}
