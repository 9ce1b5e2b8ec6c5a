package dev.idxmig.db;

import java.util.List;

/**
 * Tables idxmig and Flyway keep in the target schema; their indexes and columns are never part of a user's
 * catalog. Flyway's history table has a name a project may choose ({@code table} in flyway.toml or idxmig.yaml);
 * the ledger's is idxmig's own.
 *
 * @param history the name of Flyway's history table
 */
public record InternalTables(String history) {
    public static final String FLYWAY_HISTORY = "flyway_schema_history";
    public static final String LEDGER = "idxmig_index_ledger";
    /** What a migration, rollback or restore set out to do and how far it got (see ledger.IntentLog). */
    public static final String INTENT_LOG = "idxmig_intent_log";

    public InternalTables {
        if (history == null || history.isBlank()) {
            throw new IllegalArgumentException("history table");
        }
    }

    /** Flyway's default history table and the ledger. */
    public static InternalTables defaults() {
        return new InternalTables(FLYWAY_HISTORY);
    }

    public String ledger() {
        return LEDGER;
    }

    /** The history table, then the ledger: the order the catalog queries take them in. */
    public List<String> names() {
        return List.of(history, LEDGER);
    }
}
