package dev.idxmig.ledger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one migration version did to the indexes, over all its runs: a run that failed halfway and the fixed run
 * that completed it both recorded entries, and each index must count once, as it stands after the last run that
 * touched it. Rolled-back runs are over and do not count.
 */
public final class MigrationEffect {
    private MigrationEffect() {
    }

    /** The index changes of one version's ledger rows, one per index, the latest run's entry for each. */
    public static List<LedgerEntry> indexChanges(List<LedgerEntry> entriesOfOneVersion) {
        Map<String, LedgerEntry> byIndex = new LinkedHashMap<>();
        for (LedgerEntry e : entriesOfOneVersion) {
            if (!e.isIndexChange() || e.outcome() == LedgerEntry.Outcome.ROLLED_BACK) {
                continue;
            }
            String key = e.schema() + "." + e.indexName().orElse("?");
            LedgerEntry earlier = byIndex.get(key);
            // an index a failed run created and the fixed run dropped and built again is still created by the
            // migration; whatever else, the latest word stands
            boolean stillCreated = earlier != null && earlier.action() == LedgerEntry.Action.CREATED
                    && e.action() != LedgerEntry.Action.DROPPED;
            byIndex.put(key, stillCreated ? withDefinitionOf(earlier, e) : e);
        }
        return new ArrayList<>(byIndex.values());
    }

    /** True when the version's only runs failed: what it left stands, and the migration never completed. */
    public static boolean onlyFailed(List<LedgerEntry> entriesOfOneVersion) {
        List<LedgerEntry> live = entriesOfOneVersion.stream()
                .filter(e -> e.outcome() != LedgerEntry.Outcome.ROLLED_BACK).toList();
        return !live.isEmpty() && live.stream().allMatch(e -> e.outcome() == LedgerEntry.Outcome.FAILED);
    }

    private static LedgerEntry withDefinitionOf(LedgerEntry created, LedgerEntry later) {
        return new LedgerEntry(later.version(), later.script(), LedgerEntry.Action.CREATED, later.schema(),
                later.table(), later.indexName(), later.definition(), created.previousDefinition(), later.method(),
                later.unique(), later.partial(), later.valid(), later.sizeBytes(), later.buildMs(), later.outcome(),
                later.nonIndexChanges(), later.recordedAt());
    }
}
