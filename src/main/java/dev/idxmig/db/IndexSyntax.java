package dev.idxmig.db;

/**
 * Which parts of PostgreSQL's {@code CREATE INDEX} syntax a database accepts, so lint can tell before a
 * migration runs that it will fail with a syntax error.
 *
 * @param concurrently {@code CREATE/DROP INDEX CONCURRENTLY}, {@code REINDEX ... CONCURRENTLY}
 * @param usingMethod  {@code USING gin} and other access methods
 * @param include      covering columns, {@code INCLUDE (...)}
 */
public record IndexSyntax(boolean concurrently, boolean usingMethod, boolean include) {

    /** SQLite's: plain, unique, partial and expression indexes, nothing more. */
    public static final IndexSyntax BASIC = new IndexSyntax(false, false, false);

    /** PostgreSQL's: every part lint knows of (CONCURRENTLY, USING a method, INCLUDE). */
    public static final IndexSyntax FULL = new IndexSyntax(true, true, true);
}
