package dev.idxmig.doctor;

import dev.idxmig.base.Finding;
import dev.idxmig.base.Severity;

import java.util.Optional;

/**
 * Soft-dropped indexes (MariaDB's IGNORED, {@code migrate --soft-drop}): since when and by which migration, with
 * the statement that finishes the drop. While an index is ignored, plan-check already plans without it: checks that
 * pass meanwhile are the proof that the real drop is safe. An ignored index the ledger does not record was ignored
 * by hand, outside the migrations.
 */
final class SoftDroppedIndexes extends DoctorCheck {
    SoftDroppedIndexes() {
        super("soft-dropped-index", Severity.INFO, "doctor_soft_dropped_indexes");
    }

    @Override
    Finding finding(Row row, Optional<Row> context) {
        String index = row.text("index_name");
        Optional<String> script = row.optionalText("script");
        if (script.isEmpty()) {
            return finding(index, "IGNORED" + onTable(row) + ", but no migration soft-dropped it (the ledger does not "
                    + "record it): queries do not use it while writes still maintain it", "make it used again ("
                    + row.text("restore_statement") + "), or drop it in a migration");
        }
        return finding(index, "soft-dropped" + onTable(row) + " since " + row.text("since") + " by " + script.get()
                + " (version " + row.text("version") + "): queries do not use it, and plan-check plans without it, "
                + "so checks passing while it is ignored are the proof the drop is safe",
                "finish it with 'idxmig migrate --finish-soft-drops' (" + row.text("drop_statement") + "), or undo "
                        + "it with 'idxmig rollback' of version " + row.text("version") + " (NOT IGNORED, instant)");
    }
}
