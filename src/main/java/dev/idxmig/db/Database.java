package dev.idxmig.db;

import dev.idxmig.script.Placeholders;
import java.util.Map;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.ConnectionSettings;
import dev.idxmig.config.SecretMasker;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * An open target database: its dialect, the schema idxmig works in, and a small connection pool.
 * Opening it connects once, so a wrong host or password fails here with exit code 3 and a masked message.
 */
public final class Database implements AutoCloseable {
    private final ConnectionSettings settings;
    private final Dialect dialect;
    private final String schema;
    private final HikariDataSource pool;
    private final String productVersion;
    private final boolean ownsPool;
    private final String historyTable;
    /** What closing the database also ends: a stand-in's scratch folder. */
    private final Runnable afterClose;

    private Database(ConnectionSettings settings, Dialect dialect, String schema, HikariDataSource pool,
                     String productVersion, boolean ownsPool, String historyTable, Runnable afterClose) {
        this.settings = settings;
        this.dialect = dialect;
        this.schema = schema;
        this.pool = pool;
        this.productVersion = productVersion;
        this.ownsPool = ownsPool;
        this.historyTable = historyTable;
        this.afterClose = afterClose;
    }

    public static Database open(ConnectionSettings settings, Optional<String> schema) {
        return open(settings, schema, 0);
    }

    /**
     * Opens the database with a pool of at least {@code minPoolSize} connections (fleet runs work on several
     * schemas at once; Flyway needs two connections per migration on PostgreSQL).
     */
    public static Database open(ConnectionSettings settings, Optional<String> schema, int minPoolSize) {
        Dialect dialect = Dialects.forUrl(settings.jdbcUrl());
        dialect.checkReachable(settings);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        settings.user().ifPresent(config::setUsername);
        settings.password().ifPresent(p -> config.setPassword(p.reveal()));
        config.setPoolName("idxmig");
        config.setMinimumIdle(0);
        config.setConnectionTimeout(15_000);
        // Fail on the first attempt: an operator wants "cannot connect" now, not after a retry loop.
        config.setInitializationFailTimeout(1);
        dialect.configurePool(config, settings);
        config.setMaximumPoolSize(Math.max(config.getMaximumPoolSize(), minPoolSize));
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw connectionFailure(settings, dialect, e);
        }
        try (Connection c = pool.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            String product = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
            confirmDialect(dialect, meta.getDatabaseProductName());
            Optional<String> tooOld = dialect.unsupportedVersion(meta.getDatabaseMajorVersion(),
                    meta.getDatabaseMinorVersion());
            if (tooOld.isPresent()) {
                throw IdxmigException.usage(tooOld.get(), "upgrade the server, or use a migration tool without "
                        + "idxmig's checks for this one");
            }
            String inSchema = schema.orElse(dialect.defaultSchema(settings.jdbcUrl()));
            return new Database(settings, dialect, inSchema, pool, product, true,
                    InternalTables.FLYWAY_HISTORY, () -> { });
        } catch (SQLException | RuntimeException e) {
            pool.close();
            if (e instanceof IdxmigException) {
                throw (IdxmigException) e;
            }
            throw connectionFailure(settings, dialect, e);
        }
    }

    private static void confirmDialect(Dialect dialect, String productName) {
        if (!dialect.handlesProduct(productName)) {
            throw IdxmigException.usage("the URL says " + dialect.id() + " but the server is " + productName,
                    dialect.otherProductHint(productName));
        }
    }

    private static IdxmigException connectionFailure(ConnectionSettings settings, Dialect dialect, Throwable e) {
        SecretMasker masker = settings.masker();
        String reason = SqlFailures.firstSqlException(e).map(Throwable::getMessage)
                .orElse(Optional.ofNullable(e.getCause()).orElse(e).getMessage());
        String state = SqlFailures.sqlState(e).orElse("");
        String hint = state.startsWith("28")
                ? "check the user name and the password source (--password-env, --password-file, IDXMIG_PASSWORD)"
                : state.equals("3D000") ? "create the database first, or fix the database name in the URL"
                : dialect.cannotConnectHint();
        return IdxmigException.connection("cannot connect to " + masker.mask(settings.jdbcUrl()) + ": "
                + masker.mask(reason), hint, null);
    }

    /** The same database and pool, working in another schema; closing the view leaves the pool open. */
    public Database inSchema(String otherSchema) {
        return new Database(settings, dialect, otherSchema, pool, productVersion, false, historyTable, () -> { });
    }

    /**
     * The same database whose Flyway history is kept in {@code table} (a Flyway project's own {@code table}
     * setting) instead of {@code flyway_schema_history}. It takes this one's place: it closes the pool if this one
     * would have.
     */
    public Database withHistoryTable(String table) {
        return new Database(settings, dialect, schema, pool, productVersion, ownsPool, table, afterClose);
    }

    /** The name of Flyway's history table in each schema (not qualified). */
    public String historyTable() {
        return historyTable;
    }

    /** The tables idxmig and Flyway keep here, whose indexes and columns are never part of a user's catalog. */
    public InternalTables internalTables() {
        return new InternalTables(historyTable);
    }

    /** Tables of this schema with their columns as "name type", leaving out Flyway's and idxmig's own. */
    public Map<String, List<String>> tables(Connection c) throws SQLException {
        return dialect.tables(c, schema, internalTables());
    }

    public Dialect dialect() {
        return dialect;
    }

    public String schema() {
        return schema;
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connect() throws SQLException {
        return pool.getConnection();
    }

    /** Work on a connection that commits once at its end, or not at all. */
    public interface Transaction {
        void run(Connection c) throws SQLException;
    }

    /** Runs the work in one transaction on a connection of its own: all of it is committed, or none. */
    public void inTransaction(Transaction work) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /** Flyway's placeholders for scripts run on this database and schema, with the project's own. */
    public Placeholders placeholders(Map<String, String> project) {
        return Placeholders.of(project, schema, settings.user().orElse(""), dialect.databaseName(settings.jdbcUrl()),
                historyTable);
    }

    public String productVersion() {
        return productVersion;
    }

    public SecretMasker masker() {
        return settings.masker();
    }

    /** The indexes of this database's schema right now. */
    public CatalogSnapshot snapshot() {
        try (Connection c = connect()) {
            return snapshot(c);
        } catch (SQLException e) {
            throw IdxmigException.operation("cannot read the index catalog: " + masker().mask(e.getMessage()),
                    null, e);
        }
    }

    /**
     * Whether two definitions build the same index ({@link Dialect#sameIndex}): identical text without a round trip,
     * else the database is asked on a connection of its own.
     */
    public boolean sameIndex(DefinedIndex recorded, DefinedIndex live) {
        if (recorded.sameText(live)) {
            return true;
        }
        try (Connection c = connect()) {
            return dialect.sameIndex(c, recorded, live);
        } catch (SQLException e) {
            throw IdxmigException.operation("cannot compare the definition of index " + live.name() + ": "
                    + masker().mask(e.getMessage()), null, e);
        }
    }

    public CatalogSnapshot snapshot(Connection c) throws SQLException {
        List<IndexInfo> indexes = dialect.indexes(c, schema, internalTables());
        return new CatalogSnapshot(indexes);
    }

    @Override
    public void close() {
        if (ownsPool) {
            pool.close();
            afterClose.run();
        }
    }

    /**
     * An empty database standing in for a target that does not exist yet (a SQLite file before the first migrate),
     * so a dry run can plan against it without creating the target. It lives in a scratch folder that closing it
     * removes.
     */
    public static Database openEmptyStandIn(ConnectionSettings target, Optional<String> schema) {
        Dialect dialect = Dialects.forUrl(target.jdbcUrl());
        Path folder = ScratchFolders.create("idxmig-empty-", "the dry run's empty stand-in");
        Runnable removeFolder = () -> ScratchFolders.delete(folder);
        try {
            Database open = open(dialect.emptyStandIn(target, folder), schema);
            return new Database(open.settings, open.dialect, open.schema, open.pool, open.productVersion, true,
                    open.historyTable, removeFolder);
        } catch (RuntimeException e) {
            removeFolder.run();
            throw e;
        }
    }
}
