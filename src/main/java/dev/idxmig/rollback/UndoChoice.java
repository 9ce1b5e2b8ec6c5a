package dev.idxmig.rollback;

import dev.idxmig.ledger.HistoryRow;
import dev.idxmig.ledger.LedgerEntry;
import dev.idxmig.ledger.MigrationEffect;
import dev.idxmig.script.MigrationScript;
import dev.idxmig.script.Version;

import java.util.List;
import java.util.Optional;

/**
 * How one applied migration is undone, decided from what is known without the database: its undo script wins;
 * otherwise the inverse of its index changes from the ledger, unless the ledger cannot vouch for what it did (no
 * record, changes beyond indexes, or no index change at all), which is refused, or with {@code --force} undone as
 * far as the ledger sees, with a warning saying what is left.
 */
sealed interface UndoChoice {

    /** Run the undo script {@code U<version>__*.sql}. */
    record Script(MigrationScript script) implements UndoChoice {
    }

    /** Run the inverse of {@code effect}, the migration's net index changes over all its runs. */
    record Inverse(List<LedgerEntry> effect, List<String> warnings) implements UndoChoice {
    }

    /** Not undone; {@code reason} says why, naming the version. */
    record Refused(String reason) implements UndoChoice {
    }

    /**
     * @param ledger     every ledger row (all versions, all outcomes)
     * @param undoScript the migration's undo script, if the locations hold one
     * @param force      {@code --force}: undo the index part of what the ledger cannot vouch for
     */
    static UndoChoice of(Version version, HistoryRow row, List<LedgerEntry> ledger,
                         Optional<MigrationScript> undoScript, boolean force) {
        if (undoScript.isPresent()) {
            return new Script(undoScript.get());
        }
        String text = row.version().orElseThrow();
        List<LedgerEntry> applied = ledger.stream()
                .filter(e -> e.version().equals(text) && e.outcome() == LedgerEntry.Outcome.APPLIED).toList();
        Optional<String> doubt = doubt(row, applied);
        if (doubt.isPresent() && !force) {
            return new Refused(text + ": " + doubt.get() + " and there is no undo script U" + text + "__*.sql");
        }
        // every run of the version counts: what a failed run left and the fixed run kept is the migration's too
        List<LedgerEntry> effect = MigrationEffect.indexChanges(ledger.stream()
                .filter(e -> e.number().equals(version)).toList());
        return new Inverse(effect, doubt.map(d -> forced(d, applied)).stream().toList());
    }

    /** Why the ledger cannot vouch for the migration's inverse, if it cannot. */
    private static Optional<String> doubt(HistoryRow row, List<LedgerEntry> applied) {
        Optional<LedgerEntry> migrated = migrated(applied);
        if (migrated.isEmpty()) {
            return Optional.of("idxmig's ledger has no record of what " + row.script() + " did");
        }
        if (migrated.get().nonIndexChanges().isPresent()) {
            return Optional.of(row.script() + " changed more than indexes (" + migrated.get().nonIndexChanges().get()
                    + ")");
        }
        if (applied.stream().noneMatch(LedgerEntry::isIndexChange)) {
            // No index and no table change: whatever it did (data, grants, functions) the ledger cannot see.
            return Optional.of(row.script() + " changed no index, so what it did is invisible to the ledger (data?)");
        }
        return Optional.empty();
    }

    /** The warning of a step undone despite the doubt, with --force. */
    private static String forced(String doubt, List<LedgerEntry> applied) {
        Optional<String> changes = migrated(applied).flatMap(LedgerEntry::nonIndexChanges);
        return changes.map(c -> "left as they are (--force): " + c)
                .orElse(doubt + ": only its history row is removed (--force)");
    }

    private static Optional<LedgerEntry> migrated(List<LedgerEntry> applied) {
        return applied.stream().filter(e -> e.action() == LedgerEntry.Action.MIGRATED).reduce((a, b) -> b);
    }
}
