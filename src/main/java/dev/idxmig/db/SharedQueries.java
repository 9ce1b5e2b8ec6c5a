package dev.idxmig.db;

import java.util.List;

/**
 * The SQL files that code outside {@code db/} asks of every dialect ({@code sql/<dialect>/<name>.sql}). A dialect
 * ships each of them; the optional ones (doctor checks) it ships or declares unsupported with a reason
 * ({@link Dialect#unsupportedQueries()}). {@code DialectQueriesTest} holds every registered dialect to this list.
 */
public final class SharedQueries {
    /** Tables and their columns, to tell when a migration changed more than indexes (ledger, status). */
    public static final String TABLES = "tables";
    /** The user schemas, for schema patterns in fleet runs: asked by {@link Dialect#schemas}'s default only. */
    public static final String SCHEMAS = "schemas";
    /** A table's row estimate and bytes (lint's size rules, safe-build risks). */
    public static final String TABLE_SIZE = "table_size";
    /** idxmig's ledger table, created on first use. */
    public static final String LEDGER_CREATE = "ledger_create";
    /** The columns of one table (schema, table); no rows when it does not exist (Flyway's history, read often). */
    public static final String TABLE_COLUMNS = "table_columns";
    /** Duplicate values of a column list, before a unique index is built on them (lint). */
    public static final String DUPLICATE_KEYS = "duplicate_keys";

    /** The intent log's table ({@code {table}} in the text), created on first use. */
    public static final String INTENT_CREATE = "intent_create";
    /** The intent log's unfinished statements, for the run that resumes them. */
    public static final String INTENT_UNFINISHED = "intent_unfinished";

    /** Every query shared code asks of every dialect (SCHEMAS only where the dialect keeps the default). */
    public static final List<String> REQUIRED = List.of(TABLES, TABLE_COLUMNS, TABLE_SIZE, LEDGER_CREATE, DUPLICATE_KEYS,
            INTENT_CREATE, INTENT_UNFINISHED);

    private SharedQueries() {
    }
}
