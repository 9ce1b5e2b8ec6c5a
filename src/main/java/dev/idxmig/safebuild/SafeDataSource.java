package dev.idxmig.safebuild;

import dev.idxmig.script.IndexStatement;
import dev.idxmig.base.Interruption;
import dev.idxmig.base.Diagnostics;

import dev.idxmig.db.Database;

import dev.idxmig.config.BuildSettings;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The DataSource Flyway migrates through. Flyway stays in charge of history, checksums and transactions; this only
 * applies idxmig's session settings to each connection it hands out and routes index statements, which Flyway
 * sends one per {@code Statement.execute(String)}, to {@link SafeBuild}. Everything else passes through untouched.
 */
public final class SafeDataSource implements DataSource {
    private final DataSource pool;
    private final Optional<SafeBuild> safeBuild;
    private final Optional<StatementJournal> intents;
    /** The database's statement guard, where it has one instead of safe builds (MariaDB). */
    private final Optional<GuardedStatements> guarded;

    /**
     * The database's pool with index statements going through safe builds, where the database has online builds;
     * the pool itself elsewhere (SQLite).
     */
    public static DataSource around(Database database, BuildSettings build, Diagnostics diagnostics) {
        Optional<GuardedStatements> guarded = guarded(database, build, diagnostics, Optional.empty());
        if (guarded.isPresent()) {
            return new SafeDataSource(database.dataSource(), Optional.empty(), Optional.empty(), guarded);
        }
        return database.dialect().indexBuilds().<DataSource>map(b -> new SafeDataSource(database.dataSource(),
                Optional.of(new SafeBuild(database, b, build, diagnostics, Optional.empty())), Optional.empty(),
                Optional.empty())).orElse(database.dataSource());
    }

    /**
     * The same, keeping the intent log: every statement that completes outside a transaction is recorded in it,
     * no statement starts once a stop was asked for ({@link Interruption}), and an index statement that may have
     * run in an interrupted attempt is judged against the catalog from before that attempt (see SafeBuild).
     */
    public static DataSource around(Database database, BuildSettings build, Diagnostics diagnostics,
                                    StatementJournal intents) {
        return new SafeDataSource(database.dataSource(), database.dialect().indexBuilds()
                .map(b -> new SafeBuild(database, b, build, diagnostics, Optional.of(intents))), Optional.of(intents),
                guarded(database, build, diagnostics, Optional.of(intents)));
    }

    /** The dialect's statement guard, where it has one and no safe builds (see {@link GuardedStatements}). */
    private static Optional<GuardedStatements> guarded(Database database, BuildSettings build, Diagnostics diagnostics,
                                                       Optional<StatementJournal> intents) {
        if (database.dialect().indexBuilds().isPresent()) {
            return Optional.empty();
        }
        return database.dialect().statementGuard().map(g -> new GuardedStatements(database, g, database.schema(),
                build.lockTimeout(), build.retries(), new dev.idxmig.db.StatementGuard.Policy(build.allowTableCopy(),
                build.softDrop()), diagnostics, intents));
    }

    SafeDataSource(DataSource pool, Optional<SafeBuild> safeBuild, Optional<StatementJournal> intents) {
        this(pool, safeBuild, intents, Optional.empty());
    }

    private SafeDataSource(DataSource pool, Optional<SafeBuild> safeBuild, Optional<StatementJournal> intents,
                           Optional<GuardedStatements> guarded) {
        this.pool = pool;
        this.safeBuild = safeBuild;
        this.intents = intents;
        this.guarded = guarded;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(pool.getConnection(username, password));
    }

    private Connection wrap(Connection real) throws SQLException {
        if (safeBuild.isPresent() || guarded.isPresent()) {
            try {
                if (guarded.isPresent()) {
                    guarded.get().applySession(real);
                } else {
                    safeBuild.get().applySession(real);
                }
            } catch (SQLException | RuntimeException e) {
                // nobody else holds it: back to the pool, or the pool shrinks by one on every failed attempt
                closeQuietly(real, e);
                throw e;
            }
        }
        return (Connection) Proxy.newProxyInstance(SafeDataSource.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new ConnectionHandler(real));
    }

    private final class ConnectionHandler implements InvocationHandler {
        private final Connection real;

        ConnectionHandler(Connection real) {
            this.real = real;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("unwrap") && args[0] == Connection.class) {
                return proxy;
            }
            if (method.getName().equals("close") && !real.isClosed() && safeBuild.isPresent()) {
                safeBuild.get().resetSession(real);
            }
            if (method.getName().equals("close") && !real.isClosed() && guarded.isPresent()) {
                guarded.get().resetSession(real);
            }
            Object result = call(real, method, args);
            if (method.getName().equals("createStatement") && result instanceof Statement) {
                Statement statement = (Statement) result;
                return Proxy.newProxyInstance(SafeDataSource.class.getClassLoader(), new Class<?>[] {Statement.class},
                        new StatementHandler(real, statement, (Connection) proxy));
            }
            return result;
        }
    }

    private final class StatementHandler implements InvocationHandler {
        private final Connection connection;
        private final Statement real;
        private final Connection proxyConnection;

        StatementHandler(Connection connection, Statement real, Connection proxyConnection) {
            this.connection = connection;
            this.real = real;
            this.proxyConnection = proxyConnection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("getConnection") && method.getParameterCount() == 0) {
                return proxyConnection;
            }
            if (method.getName().equals("execute") && method.getParameterCount() == 1 && args[0] instanceof String) {
                String sql = (String) args[0];
                if (intents.isPresent() && Interruption.requested()) {
                    throw new SafeBuildFailure(Interruption.stopped("interrupted before: "
                            + sql.strip().lines().findFirst().orElse(""), null));
                }
                Optional<IndexStatement> index = IndexStatement.parse(sql);
                if (index.isEmpty() && safeBuild.isPresent()) {
                    safeBuild.get().settle(connection); // lock_timeout, if a concurrent build left --build-wait
                }
                if (guarded.isPresent()) {
                    GuardedStatements.Ran ran = guarded.get().run(connection, real, sql);
                    if (intents.isPresent() && connection.getAutoCommit()) {
                        intents.get().completed(ran.sql()); // as it ran: the online form, when rewritten
                    }
                    return ran.result();
                }
                Object result = index.isPresent() && safeBuild.isPresent()
                        ? (Object) safeBuild.get().run(connection, real, index.get()) : call(real, method, args);
                if (intents.isPresent() && connection.getAutoCommit()) {
                    intents.get().completed(sql);
                }
                return result;
            }
            return call(real, method, args);
        }
    }

    private static void closeQuietly(Connection connection, Exception cause) {
        try {
            connection.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return pool.isWrapperFor(type);
    }
}
