package dev.idxmig.verify;

import dev.idxmig.db.DefinedIndex;
import dev.idxmig.db.IndexConstraint;
import dev.idxmig.ledger.LedgerEntry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the ledger promises about one index after every applied migration: that it stands with a definition,
 * or that it is gone (an index adopted at the baseline promises it stands as it stood; a soft-dropped one, that it
 * stands ignored, since {@code softDroppedSince}). The last migration that touched an index decides; rolled-back and failed runs promise
 * nothing (a failed run's leftovers are found by the invalid-index check).
 */
record ExpectedIndex(String name, String table, boolean stands, Optional<String> definition, String version,
                     String script, Optional<IndexConstraint> constraint, boolean adopted,
                     Optional<java.time.Instant> softDroppedSince) {

    /** "items_code_key on items", with the constraint it stands behind when there is one. */
    String object() {
        return name + " on " + table + constraint.map(k -> " (" + k.kind().label() + " " + k.definition() + ")")
                .orElse("");
    }

    /** What the ledger recorded, to compare with the live index by meaning; empty where no definition was kept. */
    Optional<DefinedIndex> defined(String schema) {
        return definition.map(d -> new DefinedIndex(schema, table, name, d, constraint));
    }

    static List<ExpectedIndex> from(List<LedgerEntry> ledger) {
        Map<String, ExpectedIndex> byName = new LinkedHashMap<>();
        for (LedgerEntry e : ledger) {
            if (!e.isIndexChange() || e.outcome() != LedgerEntry.Outcome.APPLIED || e.indexName().isEmpty()) {
                continue;
            }
            boolean stands = e.action() != LedgerEntry.Action.DROPPED;
            byName.put(e.indexName().get(), new ExpectedIndex(e.indexName().get(), e.table().orElse("?"), stands,
                    e.definition(), e.version(), e.script(),
                    stands ? e.constraint() : e.previousConstraint(), e.adopted(),
                    e.action() == LedgerEntry.Action.SOFT_DROPPED ? Optional.of(e.recordedAt()) : Optional.empty()));
        }
        return List.copyOf(byName.values());
    }
}
