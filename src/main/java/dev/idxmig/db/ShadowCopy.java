package dev.idxmig.db;

/**
 * A throwaway copy of a target's schema, without its rows (Flyway's history rows excepted, so Flyway sees the same
 * pending migrations), open as a {@link Database}. Closing it drops the copy.
 */
public interface ShadowCopy extends AutoCloseable {
    /** The copy, open; its schema is the target's. */
    Database database();

    /** Where the copy lives and how it was made, for the report ("scratch database x from pg_dump --schema-only"). */
    String description();

    /** Drops the copy (a scratch database, a temporary file); never fails the run, says so if it cannot. */
    @Override
    void close();
}
