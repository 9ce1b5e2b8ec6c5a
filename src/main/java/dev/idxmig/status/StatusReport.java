package dev.idxmig.status;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/** Each migration, applied or pending, and under it the indexes it changed with their state now. */
public record StatusReport(
        String database,
        String schema,
        // "schemaVersion" of the JSON document is its format's version; this is the database's migration version
        @com.fasterxml.jackson.annotation.JsonProperty("currentVersion") Optional<String> schemaVersion,
        List<MigrationStatus> migrations,
        List<String> notes) {

    public StatusReport {
        migrations = List.copyOf(migrations);
        notes = List.copyOf(notes);
    }

    /** Where a migration stands; printed and written to JSON as its {@link #label()} ("below baseline"). */
    public enum MigrationState {
        APPLIED, FAILED, PENDING, MISSING, IGNORED, ROLLED_BACK, BASELINE, BELOW_BASELINE, REPAIRED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }

        @Override
        public String toString() {
            return label();
        }
    }

    /** How an index a migration changed stands now; printed and written to JSON as its {@link #label()}. */
    public enum IndexState {
        VALID, INVALID, MISSING, CHANGED, GONE, PRESENT, SUPERSEDED,
        /** Soft-dropped and still ignored (MariaDB's IGNORED), as the ledger recorded it. */
        IGNORED;

        /** Not as the ledger recorded it: invalid, missing or changed. */
        public boolean drifted() {
            return this == INVALID || this == MISSING || this == CHANGED;
        }

        @com.fasterxml.jackson.annotation.JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return label();
        }
    }

    /**
     * @param state   applied, failed, pending, missing (applied, script gone), ignored (older than the current
     *                version but never applied), rolled back, baseline (the row of an adoption), or below baseline
     *                (a script at or under the baseline version: the adopted schema stands for it)
     * @param ledger  whether idxmig recorded this migration (false for versions applied before idxmig)
     */
    public record MigrationStatus(
            String version,
            String description,
            String script,
            MigrationState state,
            Optional<String> installedOn,
            OptionalLong executionMs,
            boolean ledger,
            Optional<String> nonIndexChanges,
            List<IndexStatus> indexes) {
        public MigrationStatus {
            indexes = List.copyOf(indexes);
        }
    }

    /**
     * @param action created, dropped or changed (by the migration)
     * @param state  valid, invalid, missing, changed (definition differs from the recorded one), gone (dropped
     *               and still absent), present (dropped but here again), or superseded (changed by a later
     *               migration)
     * @param constraint the primary key, unique or exclusion constraint the index stands behind, as
     *                   "unique constraint UNIQUE (code)"
     */
    public record IndexStatus(
            String action,
            String table,
            String index,
            IndexState state,
            OptionalLong sizeBytes,
            Optional<String> definition,
            Optional<String> constraint) {

        /** A plain index's status. */
        public IndexStatus(String action, String table, String index, IndexState state, OptionalLong sizeBytes,
                           Optional<String> definition) {
            this(action, table, index, state, sizeBytes, definition, Optional.empty());
        }
    }
}
