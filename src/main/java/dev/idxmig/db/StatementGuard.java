package dev.idxmig.db;

import dev.idxmig.base.IdxmigException;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * How a database without PostgreSQL's kind of online builds runs a migration's statements safely
 * ({@link Dialect#statementGuard()}; MariaDB's): session settings that bound lock waits, each statement as it should
 * run (an index statement made online, or refused), and the statements an interrupted attempt already completed
 * passed over, judged against the catalog from before the first attempt.
 */
public interface StatementGuard {

    /** Applies the session settings of a migration connection: how long a statement may wait for a lock. */
    void applySession(Connection c, Duration lockTimeout) throws SQLException;

    /** Puts the settings of {@link #applySession} back to the server's, before the connection is pooled again. */
    void resetSession(Connection c) throws SQLException;

    /**
     * What to run for one statement of a script: the statement as written, rewritten (with a note saying how), or
     * nothing (with a note saying why: an earlier attempt did it). Throws the refusal, with its reason, when the
     * statement must not run at all (it forces a table copy).
     *
     * @param resumedFrom    the catalog before the first attempt, when this run resumes an interrupted one
     * @param policy         what the run allows: a table copy, soft drops
     */
    Decision decide(Connection c, String schema, String sql, Optional<CatalogSnapshot> resumedFrom,
                    Policy policy) throws SQLException, IdxmigException;

    /**
     * What a run asked of its statements.
     *
     * @param allowTableCopy run a statement that forces a table copy as written instead of refusing it
     * @param softDrop       run an index drop as a soft drop ({@link SoftDrops}) where the index can be ignored
     */
    record Policy(boolean allowTableCopy, boolean softDrop) {
    }

    /**
     * What the database said when a statement failed, as idxmig's verdict where it has one (a lock wait past the
     * timeout: exit 5; an online build the server cannot do: exit 4, in the server's words); empty to let the
     * failure pass as it is. {@code c} is the failed statement's session, still open, to look for blockers from.
     */
    Optional<IdxmigException> verdict(Connection c, String sql, SQLException failure, Duration lockTimeout);

    /**
     * Whether a failed statement did not run because of a lock (a wait past the timeout, a deadlock), so trying it
     * again after a pause may succeed: what {@code --retries} retries.
     */
    boolean retryable(SQLException failure);

    /**
     * Who may hold the lock {@code sql} waited for, for people, saying where the names came from: said before each
     * retry.
     */
    String blockers(Connection c, String sql);

    /**
     * How far a running statement got, read from a second session: the server's name for its stage (MariaDB:
     * InnoDB's {@code stage/innodb/alter table (...)}) and the work done of the work estimated in it.
     */
    record Progress(String stage, long workCompleted, long workEstimated) {
    }

    /** The server's id of a connection's session, for an observer to find its running statement. */
    default long session(Connection c) throws SQLException {
        return -1;
    }

    /**
     * Why a running statement's progress cannot be read on this server, for people (said once, in verbose output);
     * empty where it can.
     */
    default Optional<String> progressUnavailable(Connection observer) {
        return Optional.of("this database reports no progress of a running statement");
    }

    /** The progress of the statement running in {@code session}, read from {@code observer}; empty between stages. */
    default Optional<Progress> progress(Connection observer, long session) throws SQLException {
        return Optional.empty();
    }

    /**
     * One statement's fate.
     *
     * @param run  the statement to run; empty: nothing runs
     * @param note for people (verbose output): how it was rewritten, or why it is skipped; empty when it runs as
     *             written
     * @param warn whether the note is a warning everyone sees (a table copy allowed), not a detail
     */
    record Decision(Optional<String> run, Optional<String> note, boolean warn) {
        public Decision(Optional<String> run, Optional<String> note) {
            this(run, note, false);
        }

        public static Decision asWritten(String sql) {
            return new Decision(Optional.of(sql), Optional.empty());
        }
    }
}
