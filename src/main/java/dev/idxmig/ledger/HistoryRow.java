package dev.idxmig.ledger;

import java.util.Optional;

/**
 * One row of Flyway's {@code flyway_schema_history}, read directly (cheaper than starting Flyway).
 *
 * @param kind what the row stands for, from Flyway's {@code type} column
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
        boolean success) {

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
