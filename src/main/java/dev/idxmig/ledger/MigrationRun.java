package dev.idxmig.ledger;

import java.util.List;
import java.util.Optional;

/** One migration idxmig ran in this invocation: what it changed, how long it took, and how it ended. */
public record MigrationRun(
        String version,
        String description,
        String script,
        long durationMs,
        LedgerEntry.Outcome outcome,
        List<LedgerEntry> indexChanges,
        Optional<String> nonIndexChanges,
        Optional<String> error) {

    public MigrationRun {
        indexChanges = List.copyOf(indexChanges);
    }
}
