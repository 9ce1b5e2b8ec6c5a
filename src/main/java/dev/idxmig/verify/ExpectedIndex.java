package dev.idxmig.verify;

import dev.idxmig.ledger.LedgerEntry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the ledger promises about one index after every applied migration: that it stands with a definition,
 * or that it is gone. The last migration that touched an index decides; rolled-back and failed runs promise
 * nothing (a failed run's leftovers are found by the invalid-index check).
 */
record ExpectedIndex(String name, String table, boolean stands, Optional<String> definition, String version,
                     String script) {

    static List<ExpectedIndex> from(List<LedgerEntry> ledger) {
        Map<String, ExpectedIndex> byName = new LinkedHashMap<>();
        for (LedgerEntry e : ledger) {
            if (!e.isIndexChange() || e.outcome() != LedgerEntry.Outcome.APPLIED || e.indexName().isEmpty()) {
                continue;
            }
            boolean stands = e.action() != LedgerEntry.Action.DROPPED;
            byName.put(e.indexName().get(), new ExpectedIndex(e.indexName().get(), e.table().orElse("?"), stands,
                    e.definition(), e.version(), e.script()));
        }
        return List.copyOf(byName.values());
    }
}
