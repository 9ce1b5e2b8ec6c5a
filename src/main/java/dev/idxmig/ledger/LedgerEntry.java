package dev.idxmig.ledger;

import dev.idxmig.db.IndexConstraint;
import dev.idxmig.script.Version;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One row of the index ledger. A {@link Action#MIGRATED} row stands for the migration run itself (outcome,
 * duration, non-index changes); the other actions stand for one index it created, dropped or changed, or, for
 * {@link Action#ADOPTED}, one index that stood when idxmig adopted the schema (at the baseline version).
 * {@code constraintDefinition} and {@code previousConstraintDefinition} say which primary key, unique or exclusion
 * constraint the index stood behind after and before the change (the database's text, {@code UNIQUE (code)}; the
 * constraint's name is the index's).
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
        Instant recordedAt,
        Optional<String> constraintDefinition,
        Optional<String> previousConstraintDefinition) {

    /** A row about a plain index, or about no index at all. */
    public LedgerEntry(String version, String script, Action action, String schema, Optional<String> table,
                       Optional<String> indexName, Optional<String> definition, Optional<String> previousDefinition,
                       Optional<String> method, boolean unique, boolean partial, boolean valid,
                       OptionalLong sizeBytes, long buildMs, Outcome outcome, Optional<String> nonIndexChanges,
                       Instant recordedAt) {
        this(version, script, action, schema, table, indexName, definition, previousDefinition, method, unique,
                partial, valid, sizeBytes, buildMs, outcome, nonIndexChanges, recordedAt, Optional.empty(),
                Optional.empty());
    }

    /** The constraint the index stands behind after the change (created, changed), if any. */
    public Optional<IndexConstraint> constraint() {
        return constraintDefinition.flatMap(d -> indexName.map(n -> IndexConstraint.of(n, d)));
    }

    /** The constraint the index stood behind before the change (dropped, changed), if any. */
    public Optional<IndexConstraint> previousConstraint() {
        return previousConstraintDefinition.flatMap(d -> indexName.map(n -> IndexConstraint.of(n, d)));
    }

    public enum Action {
        MIGRATED, CREATED, DROPPED, CHANGED,
        /** The index existed before idxmig: recorded at the baseline, watched by verify, never dropped by rollback. */
        ADOPTED,
        /**
         * The migration's drop only made the index ignored ({@code --soft-drop}, MariaDB's {@code IGNORED}): it stands
         * built, {@code definition} is its ignored form, {@code previousDefinition} what stood before, and
         * {@code recordedAt} since when. Rollback makes it used again at once; {@code migrate --finish-soft-drops}
         * drops it for real, recording a {@link #DROPPED} row under the same version. Older idxmig versions do not
         * know this value.
         */
        SOFT_DROPPED;

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

    /** The version parsed, for comparing and grouping (the text as stored may spell it 1.01 or 1_1). */
    public Version number() {
        return Version.parse(version);
    }

    public boolean isIndexChange() {
        return action != Action.MIGRATED;
    }

    public boolean adopted() {
        return action == Action.ADOPTED;
    }
}
