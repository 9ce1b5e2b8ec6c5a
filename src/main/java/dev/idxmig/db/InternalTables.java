package dev.idxmig.db;

/** Tables idxmig and Flyway keep in the target schema; their indexes are never part of a user's catalog. */
public final class InternalTables {
    public static final String FLYWAY_HISTORY = "flyway_schema_history";
    public static final String LEDGER = "idxmig_index_ledger";
    /** What a migration, rollback or restore set out to do and how far it got (see ledger.IntentLog). */
    public static final String INTENT_LOG = "idxmig_intent_log";

    private InternalTables() {
    }
}
