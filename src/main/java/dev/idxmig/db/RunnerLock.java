package dev.idxmig.db;

/**
 * Held while idxmig changes a database, so two runners never apply the same migration twice.
 * Closing it releases the lock.
 */
public interface RunnerLock extends AutoCloseable {
    @Override
    void close();
}
