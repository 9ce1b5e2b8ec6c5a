package dev.idxmig.db;

import dev.idxmig.base.Failure;
import dev.idxmig.base.IdxmigException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Runs index statements one per {@code execute()} with autocommit on, as {@code CREATE/DROP INDEX CONCURRENTLY}
 * requires, and stops at the first failure. A failed concurrent build leaves an invalid index behind; it is
 * dropped here, so the schema is left as it was before the failing statement.
 */
public final class StatementSequence {
    private final Database database;
    private final DataSource connections;

    /** Statements on the database's own pool, as written. */
    public StatementSequence(Database database) {
        this(database, database.dataSource());
    }

    /**
     * Statements on connections from {@code connections}: a data source that routes index statements through safe
     * builds (lock timeouts, retries, validity checks) where the database has them.
     */
    public StatementSequence(Database database, DataSource connections) {
        this.database = database;
        this.connections = connections;
    }

    /**
     * How far a sequence got: {@code executed} statements succeeded; the next one failed with {@code error}.
     *
     * @param kind what kind of failure (a lock not acquired in time, from a safe build), for the exit code
     * @param hint what to do about it, when a safe build said (end the blocking session, ...)
     */
    public record Outcome(int executed, Optional<String> error, Failure kind, Optional<String> hint) {
        public boolean completed() {
            return error.isEmpty();
        }

        static Outcome failed(int executed, SQLException e, Database database) {
            Optional<IdxmigException> verdict = e.getCause() instanceof IdxmigException
                    ? Optional.of((IdxmigException) e.getCause()) : Optional.empty();
            return new Outcome(executed, Optional.of(database.masker().mask(String.valueOf(e.getMessage()))),
                    verdict.map(IdxmigException::failure).orElse(Failure.OPERATION),
                    verdict.flatMap(IdxmigException::hint));
        }
    }

    public Outcome run(List<String> statements) {
        try (Connection c = connections.getConnection()) {
            c.setAutoCommit(true);
            CatalogSnapshot before = database.snapshot(c);
            for (int i = 0; i < statements.size(); i++) {
                try (Statement st = c.createStatement()) {
                    st.execute(statements.get(i));
                } catch (SQLException e) {
                    try {
                        dropInvalidLeftovers(c, before);
                    } catch (SQLException cleanup) {
                        // the statement's own failure is what to report; verify names any leftover
                    }
                    return Outcome.failed(i, e, database);
                }
                before = database.snapshot(c);
            }
            return new Outcome(statements.size(), Optional.empty(), Failure.OPERATION, Optional.empty());
        } catch (SQLException e) {
            return Outcome.failed(0, e, database);
        }
    }

    private void dropInvalidLeftovers(Connection c, CatalogSnapshot before) throws SQLException {
        for (IndexInfo index : database.snapshot(c).all()) {
            if (!index.healthy() && before.find(index.name()).isEmpty()) {
                try (Statement st = c.createStatement()) {
                    st.execute(database.dialect().onlineDrop(index.schema(), index.table(), index.name()));
                }
            }
        }
    }
}
