package dev.idxmig.ledger;

import dev.idxmig.script.Version;

import java.util.Optional;

/**
 * One row of Flyway's {@code flyway_schema_history}, read directly (cheaper than starting Flyway).
 *
 * @param version the version as Flyway wrote it, for messages and for deleting the row
 * @param kind    what the row stands for, from Flyway's {@code type} column
 * @param number  the same version parsed once where the row is read, for comparing and ordering; empty for a
 *                repeatable migration, a schema-creation row or a version that is not one ({@code << Flyway ... >>})
 */
public record HistoryRow(
        int installedRank,
        Optional<String> version,
        String description,
        Kind kind,
        String script,
        Optional<Integer> checksum,
        String installedOn,
        long executionMs,
        boolean success,
        Optional<Version> number) {

    /** A row as read from the table: its version parsed here, once. */
    public HistoryRow(int installedRank, Optional<String> version, String description, Kind kind, String script,
                      Optional<Integer> checksum, String installedOn, long executionMs, boolean success) {
        this(installedRank, version, description, kind, script, checksum, installedOn, executionMs, success,
                version.filter(Version::isVersion).map(Version::parse));
    }

    /** What a history row stands for: a migration run, an adoption's baseline, or the schema Flyway created. */
    public enum Kind {
        /** A migration (SQL, JDBC, a script, or any type Flyway adds later). */
        MIGRATION,
        /** The row an adoption (or {@code flyway baseline}) writes: the schema as it stood, not a migration. */
        BASELINE,
        /** The row saying Flyway created the schema itself. */
        SCHEMA;

        /** From the text of Flyway's {@code type} column ({@code SQL}, {@code BASELINE}, {@code SCHEMA}, ...). */
        public static Kind ofFlywayType(String type) {
            return switch (type == null ? "" : type) {
                case "BASELINE" -> BASELINE;
                case "SCHEMA" -> SCHEMA;
                default -> MIGRATION;
            };
        }
    }

    public boolean isBaseline() {
        return kind == Kind.BASELINE;
    }
}
