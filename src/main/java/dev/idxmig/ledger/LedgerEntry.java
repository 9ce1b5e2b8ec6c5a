package dev.idxmig.ledger;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One row of the index ledger. A {@link Action#MIGRATED} row stands for the migration run itself (outcome,
 * duration, non-index changes); the other actions stand for one index it created, dropped or changed.
 */
public record LedgerEntry(
        String version,
        String script,
        Action action,
        String schema,
        Optional<String> table,
        Optional<String> indexName,
        Optional<String> definition,
        Optional<String> previousDefinition,
        Optional<String> method,
        boolean unique,
        boolean partial,
        boolean valid,
        OptionalLong sizeBytes,
        long buildMs,
        Outcome outcome,
        Optional<String> nonIndexChanges,
        Instant recordedAt) {

    public enum Action {
        MIGRATED, CREATED, DROPPED, CHANGED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Action fromLabel(String label) {
            return valueOf(label.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public enum Outcome {
        /** The migration succeeded and the change stands (unless a later migration changed it again). */
        APPLIED,
        /** The migration failed; the row records what it left behind. */
        FAILED,
        /** idxmig rolled the migration back. */
        ROLLED_BACK;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Outcome fromLabel(String label) {
            return valueOf(label.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public boolean isIndexChange() {
        return action != Action.MIGRATED;
    }
}
