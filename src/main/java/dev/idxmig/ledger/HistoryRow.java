package dev.idxmig.ledger;

import dev.idxmig.script.Version;

import java.util.Optional;

/**
 * One row of Flyway's {@code flyway_schema_history}, read directly (cheaper than starting Flyway).
 *
 * @param version the version as Flyway wrote it, for messages and for deleting the row
 * @param number  the same version parsed once where the row is read, for comparing and ordering; empty for a
 *                repeatable migration, a schema-creation row or a version that is not one ({@code << Flyway ... >>})
 */
public record HistoryRow(
        int installedRank,
        Optional<String> version,
        String description,
        String type,
        String script,
        Optional<Integer> checksum,
        String installedOn,
        long executionMs,
        boolean success,
        Optional<Version> number) {

    /** A row as read from the table: its version parsed here, once. */
    public HistoryRow(int installedRank, Optional<String> version, String description, String type, String script,
                      Optional<Integer> checksum, String installedOn, long executionMs, boolean success) {
        this(installedRank, version, description, type, script, checksum, installedOn, executionMs, success,
                version.filter(Version::isVersion).map(Version::parse));
    }
}
