package dev.idxmig.safebuild;

import dev.idxmig.script.IndexStatement;
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
    private final SafeBuild safeBuild;

    /**
     * The database's pool with index statements going through safe builds, where the database has online builds;
     * the pool itself elsewhere (SQLite).
     */
    public static DataSource around(Database database, BuildSettings build, Diagnostics diagnostics) {
        return database.dialect().indexBuilds().<DataSource>map(b -> new SafeDataSource(database.dataSource(),
                new SafeBuild(database, b, build, diagnostics))).orElse(database.dataSource());
    }

    SafeDataSource(DataSource pool, SafeBuild safeBuild) {
        this.pool = pool;
        this.safeBuild = safeBuild;
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
        safeBuild.applySession(real);
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
            if (method.getName().equals("close") && !real.isClosed()) {
                safeBuild.resetSession(real);
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
                Optional<IndexStatement> index = IndexStatement.parse((String) args[0]);
                if (index.isPresent()) {
                    return safeBuild.run(connection, real, index.get());
                }
            }
            return call(real, method, args);
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
