package dev.idxmig.lint;

/** What a statement does, as far as lint's rules care. */
enum StatementKind {
    CREATE_INDEX, DROP_INDEX, REINDEX, OTHER_INDEX,
    CREATE_TABLE, TABLE_CHANGE, DATA_CHANGE,
    MAINTENANCE, SESSION, TRANSACTION, OTHER;

    boolean touchesIndexes() {
        return this == CREATE_INDEX || this == DROP_INDEX || this == REINDEX;
    }

    /** Statements an index migration may hold without needing an undo script for rollback. */
    boolean indexOnly() {
        return touchesIndexes() || this == OTHER_INDEX || this == MAINTENANCE || this == SESSION
                || this == TRANSACTION;
    }
}
