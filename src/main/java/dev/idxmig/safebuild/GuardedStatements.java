package dev.idxmig.safebuild;

import dev.idxmig.base.Diagnostics;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.db.StatementGuard;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * A migration's statements through the database's {@link StatementGuard} (MariaDB's), where it has no safe builds:
 * each statement as the guard decides (rewritten online, skipped as done, or refused), its failures as the guard
 * judges them (a lock wait past the timeout is exit 5), and what ran said in verbose output.
 */
final class GuardedStatements {
    private final StatementGuard guard;
    private final String schema;
    private final Duration lockTimeout;
    private final Diagnostics diagnostics;
    private final Optional<StatementJournal> journal;

    GuardedStatements(StatementGuard guard, String schema, Duration lockTimeout, Diagnostics diagnostics,
                      Optional<StatementJournal> journal) {
        this.guard = guard;
        this.schema = schema;
        this.lockTimeout = lockTimeout;
        this.diagnostics = diagnostics;
        this.journal = journal;
    }

    /** What ran for a statement: the text sent to the server (none when skipped), and execute()'s result. */
    record Ran(String sql, boolean result) {
    }

    void applySession(Connection c) throws SQLException {
        guard.applySession(c, lockTimeout);
    }

    void resetSession(Connection c) throws SQLException {
        guard.resetSession(c);
    }

    Ran run(Connection c, Statement statement, String sql) throws SQLException {
        StatementGuard.Decision decision;
        try {
            decision = guard.decide(c, schema, sql, journal.flatMap(StatementJournal::resumedFrom));
        } catch (IdxmigException refused) {
            throw new SafeBuildFailure(refused);
        }
        decision.note().ifPresent(n -> diagnostics.detail("  " + n));
        if (decision.run().isEmpty()) {
            return new Ran(sql, false);
        }
        String text = decision.run().get();
        try {
            return new Ran(text, statement.execute(text));
        } catch (SQLException e) {
            Optional<IdxmigException> verdict = guard.verdict(c, text, e, lockTimeout);
            if (verdict.isPresent()) {
                throw new SafeBuildFailure(verdict.get());
            }
            throw e;
        }
    }
}
