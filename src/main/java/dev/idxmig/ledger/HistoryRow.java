package dev.idxmig.ledger;

import java.util.Optional;

/** One row of Flyway's {@code flyway_schema_history}, read directly (cheaper than starting Flyway). */
public record HistoryRow(
        int installedRank,
        Optional<String> version,
        String description,
        String type,
        String script,
        Optional<Integer> checksum,
        String installedOn,
        long executionMs,
        boolean success) {
}
