package dev.idxmig.safebuild;

import dev.idxmig.db.CatalogSnapshot;

import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where the statements of a resumable piece of work (a migration, a rollback step) are journaled: the intent log,
 * seen from the safe builds, which sit below it. Each statement that completes outside a transaction is recorded;
 * and when the work resumes an interrupted attempt, the catalog from before the first attempt tells an index an
 * earlier attempt built (skip it, or rebuild its INVALID leftover) from one that was there before.
 */
public interface StatementJournal {

    /** Records that a statement completed, committed before the next one starts. */
    void completed(String sql) throws SQLException;

    /** The catalog before the first attempt, when the running work resumes an earlier attempt. */
    Optional<CatalogSnapshot> resumedFrom();

    /** Statement recorder that may fail like JDBC. */
    interface Recorder {
        void completed(String sql) throws SQLException;
    }

    static StatementJournal of(Recorder recorder, Supplier<Optional<CatalogSnapshot>> resumedFrom) {
        return new StatementJournal() {
            @Override
            public void completed(String sql) throws SQLException {
                recorder.completed(sql);
            }

            @Override
            public Optional<CatalogSnapshot> resumedFrom() {
                return resumedFrom.get();
            }
        };
    }
}
