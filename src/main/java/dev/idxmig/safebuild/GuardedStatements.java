package dev.idxmig.safebuild;

import dev.idxmig.base.Diagnostics;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.base.Interruption;
import dev.idxmig.db.Database;
import dev.idxmig.db.StatementGuard;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A migration's statements through the database's {@link StatementGuard} (MariaDB's), where it has no safe builds:
 * each statement as the guard decides (rewritten online, skipped as done, or refused), its failures as the guard
 * judges them (a lock wait past the timeout is retried up to --retries times with backoff, then exit 5), its
 * progress shown while it runs where the server reports it ({@link GuardedProgress}), and what ran said in verbose
 * output.
 */
final class GuardedStatements {
    private final StatementGuard guard;
    private final String schema;
    private final Duration lockTimeout;
    private final int retries;
    private final StatementGuard.Policy policy;
    private final Diagnostics diagnostics;
    private final Optional<StatementJournal> journal;
    private final Database database;
    /** Whether "no build progress here" was said yet: once per run. */
    private final AtomicBoolean toldNoProgress = new AtomicBoolean();

    GuardedStatements(Database database, StatementGuard guard, String schema, Duration lockTimeout, int retries,
                      StatementGuard.Policy policy, Diagnostics diagnostics, Optional<StatementJournal> journal) {
        this.database = database;
        this.policy = policy;
        this.guard = guard;
        this.schema = schema;
        this.lockTimeout = lockTimeout;
        this.retries = retries;
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
            decision = guard.decide(c, schema, sql, journal.flatMap(StatementJournal::resumedFrom), policy);
        } catch (IdxmigException refused) {
            throw new SafeBuildFailure(refused);
        }
        decision.note().ifPresent(n -> {
            if (decision.warn()) {
                diagnostics.warn(n);
            } else {
                diagnostics.detail("  " + n);
            }
        });
        if (decision.run().isEmpty()) {
            return new Ran(sql, false);
        }
        String text = decision.run().get();
        int tries = retries + 1;
        for (int attempt = 1; ; attempt++) {
            try (GuardedProgress watch = GuardedProgress.start(database, guard, session(c), firstLine(text),
                    diagnostics, toldNoProgress)) {
                return new Ran(text, statement.execute(text));
            } catch (SQLException e) {
                if (guard.retryable(e) && attempt < tries && !Interruption.requested()) {
                    Duration pause = SafeBuild.backoff(attempt);
                    diagnostics.warn(firstLine(text) + ": " + e.getMessage() + " (try " + attempt + " of " + tries
                            + "); " + guard.blockers(c, text) + "; retrying in " + BuildDisplay.seconds(pause));
                    SafeBuild.sleep(pause);
                    continue;
                }
                Optional<StatementGuard.Decision> after = judgedAgain(c, sql);
                if (after.isPresent()) {
                    return new Ran(sql, false);
                }
                Optional<IdxmigException> verdict = guard.verdict(c, text, e, lockTimeout);
                if (verdict.isPresent()) {
                    IdxmigException v = verdict.get();
                    throw new SafeBuildFailure(tries == 1 ? v : new IdxmigException(v.failure(), v.getMessage()
                            + " (" + attempt + " tries)", v.hint().orElse(null)));
                }
                throw e;
            }
        }
    }

    /**
     * After a statement failed on a resumed attempt: whether an earlier attempt did it meanwhile. A killed client
     * does not stop its statement on the server, which finishes an index build on its own while the rerun waits
     * for the table's metadata lock, then refuses the rerun's build as a duplicate. Judged again against the
     * catalog, that statement is done: it is passed over as the guard says.
     */
    private Optional<StatementGuard.Decision> judgedAgain(Connection c, String sql) throws SQLException {
        if (journal.flatMap(StatementJournal::resumedFrom).isEmpty()) {
            return Optional.empty();
        }
        StatementGuard.Decision again = guard.decide(c, schema, sql, journal.flatMap(StatementJournal::resumedFrom),
                new StatementGuard.Policy(true, policy.softDrop()));
        if (again.run().isPresent()) {
            return Optional.empty();
        }
        again.note().ifPresent(n -> diagnostics.info("  " + n + " (while this run waited for it)"));
        return Optional.of(again);
    }

    /** The session's id for the progress watcher; -1 (nothing watched) where the server does not say. */
    private long session(Connection c) {
        try {
            return guard.session(c);
        } catch (SQLException e) {
            return -1;
        }
    }

    private static String firstLine(String sql) {
        return sql.strip().lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("--")).findFirst()
                .orElse(sql.strip());
    }
}
