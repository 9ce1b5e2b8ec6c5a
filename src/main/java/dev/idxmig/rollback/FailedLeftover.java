package dev.idxmig.rollback;

import dev.idxmig.ledger.LedgerEntry;
import dev.idxmig.script.Version;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a migration that failed halfway left behind, as the ledger recorded it: a non-transactional migration
 * (PostgreSQL {@code CONCURRENTLY}) that built some indexes before a statement failed. Its history row is failed,
 * or gone after {@code repair}; either way no version above the last good one stands, but its indexes do.
 */
record FailedLeftover(String version, String script, List<LedgerEntry> entries) {
    static final String METHOD = "inverse of what the failed run left, from the index ledger";

    /**
     * The newest failed run with index changes whose version never succeeded afterwards and is above every applied
     * version; empty when there is none.
     */
    static Optional<FailedLeftover> newest(List<LedgerEntry> ledger, Set<Version> applied) {
        Optional<Version> current = applied.stream().max(Comparator.naturalOrder());
        Set<String> succeeded = ledger.stream().filter(e -> e.outcome() == LedgerEntry.Outcome.APPLIED)
                .map(e -> e.number().toString()).collect(Collectors.toSet());
        return ledger.stream()
                .filter(e -> e.outcome() == LedgerEntry.Outcome.FAILED && e.isIndexChange())
                .map(LedgerEntry::number)
                .filter(v -> !applied.contains(v) && !succeeded.contains(v.toString()))
                .filter(v -> current.map(c -> v.compareTo(c) > 0).orElse(true))
                .max(Comparator.naturalOrder())
                .map(v -> {
                    List<LedgerEntry> entries = ledger.stream().filter(e -> e.outcome() == LedgerEntry.Outcome.FAILED
                            && e.isIndexChange() && e.number().equals(v)).toList();
                    return new FailedLeftover(entries.get(0).version(), entries.get(0).script(), entries);
                });
    }

    List<String> warnings() {
        return List.of("this migration failed before it completed: only what it left is undone");
    }
}
