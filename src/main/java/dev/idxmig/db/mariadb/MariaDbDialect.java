package dev.idxmig.db.mariadb;

import com.zaxxer.hikari.HikariConfig;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.ConnectionSettings;
import dev.idxmig.config.JdbcUrl;
import dev.idxmig.db.BackupTool;
import dev.idxmig.db.Database;
import dev.idxmig.db.Dialect;
import dev.idxmig.db.IndexConstraint;
import dev.idxmig.db.IndexInfo;
import dev.idxmig.db.IntegrityCheck;
import dev.idxmig.db.InternalTables;
import dev.idxmig.db.RunnerLock;
import dev.idxmig.db.ShadowCopies;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * MariaDB through its own driver (MariaDB Connector/J, {@code jdbc:mariadb:} URLs). A MariaDB database is what
 * idxmig calls a schema: the URL's database is the default one, {@code --schema} names another. Sessions run in
 * UTC (Flyway's {@code installed_on} and the ledger's {@code recorded_at} are written in it).
 */
public final class MariaDbDialect implements Dialect {
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    @Override
    public String id() {
        return "mariadb"; // Flyway's {vendor} for MariaDB
    }

    @Override
    public boolean handlesUrl(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:mariadb:");
    }

    @Override
    public Optional<String> adviceForUrl(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:mysql:")) {
            return Optional.empty();
        }
        return Optional.of("MySQL is not supported yet (its online DDL differs from MariaDB's, and no MySQL 8 server "
                + "could be tested); for a MariaDB server write the URL as " + exampleUrl());
    }

    @Override
    public boolean handlesProduct(String productName) {
        return productName.toLowerCase(Locale.ROOT).contains("mariadb");
    }

    /** MariaDB's DROP INDEX names the table (migrate runs it online, as ALTER TABLE ... DROP INDEX). */
    @Override
    public String dropIndexIfExists(String index, String table, boolean concurrently) {
        return "DROP INDEX IF EXISTS " + index + " ON " + table;
    }

    @Override
    public Optional<String> implicitKeyPrefix(String columnType) {
        String type = columnType.replaceAll("\\(.*", "").strip().toUpperCase(Locale.ROOT);
        return KeyPrefixes.alwaysWider(columnType) ? Optional.of("a " + type + " column is keyed by a prefix only "
                + "(at most " + KeyPrefixes.MAX_KEY_BYTES + " bytes: 768 characters of utf8mb4)") : Optional.empty();
    }

    @Override
    public boolean changesOnlyIndexes(String sql) {
        return OnlineDdl.onlyIndexChanges(sql);
    }

    /** MariaDB 10.6 is the oldest with IGNORED indexes, which the catalog reads (information_schema.STATISTICS). */
    @Override
    public Optional<String> unsupportedVersion(int major, int minor) {
        return major < 10 || (major == 10 && minor < 6) ? Optional.of("MariaDB " + major + "." + minor + " is older "
                + "than 10.6, the oldest idxmig works with (it reads IGNORED indexes, new in 10.6)") : Optional.empty();
    }

    /** A MySQL server reached through MariaDB's driver: MySQL is not supported yet, whatever the URL. */
    @Override
    public String otherProductHint(String productName) {
        if (productName.toLowerCase(Locale.ROOT).contains("mysql")) {
            return "idxmig does not support MySQL yet: its online DDL differs from MariaDB's (DROP INDEX takes "
                    + "ALGORITHM/LOCK, INVISIBLE instead of IGNORED) and no MySQL 8 server could be tested; see "
                    + "docs/mariadb.md";
        }
        return Dialect.super.otherProductHint(productName);
    }

    @Override
    public String displayName() {
        return "MariaDB";
    }

    @Override
    public String driverVersion() {
        return "mariadb-java-client " + new org.mariadb.jdbc.Driver().getMajorVersion() + "."
                + new org.mariadb.jdbc.Driver().getMinorVersion();
    }

    @Override
    public String exampleUrl() {
        return "jdbc:mariadb://host:3306/db";
    }

    /** Only as a last resort: the URL's database ({@link #defaultSchema(String)}) is the default schema. */
    @Override
    public String defaultSchema() {
        return "";
    }

    @Override
    public String defaultSchema(String jdbcUrl) {
        return databaseName(jdbcUrl);
    }

    @Override
    public String databaseName(String jdbcUrl) {
        return JdbcUrl.of(jdbcUrl).server().database();
    }

    @Override
    public String server(String jdbcUrl) {
        return JdbcUrl.of(jdbcUrl).server().authority().orElse(jdbcUrl);
    }

    @Override
    public void checkReachable(ConnectionSettings settings) {
        if (databaseName(settings.jdbcUrl()).isEmpty()) {
            throw IdxmigException.usage("the MariaDB URL names no database",
                    "name the database in the URL: " + exampleUrl());
        }
    }

    @Override
    public void configurePool(HikariConfig pool, ConnectionSettings settings) {
        // Flyway's two connections, idxmig's runner lock, one to spare for the intent log.
        pool.setMaximumPoolSize(5);
        pool.addDataSourceProperty("connectTimeout", "10000");
        // Flyway's installed_on and CURRENT_TIMESTAMP in a known zone (historyZone), whatever the server's is.
        pool.setConnectionInitSql("SET time_zone = '+00:00'");
        // MariaDB refuses an online build it cannot do with SQLSTATE 0A000, which HikariCP takes for a broken
        // connection: kept, so the server's words reach the user instead of Flyway's
        pool.setExceptionOverride(new dev.idxmig.db.StatementLevelErrors());
    }

    /**
     * Every migration outside a transaction: MariaDB commits each DDL statement by itself anyway, so a script "in a
     * transaction" would still leave half its statements applied when one fails. Run statement by statement, each
     * is journaled in the intent log, and a failed or killed migration resumes where it stopped.
     */
    @Override
    public void configureFlyway(org.flywaydb.core.api.configuration.FluentConfiguration flyway) {
        flyway.executeInTransaction(false);
    }

    @Override
    public Optional<dev.idxmig.db.StatementGuard> statementGuard() {
        return Optional.of(new MariaDbStatementGuard());
    }

    @Override
    public java.time.ZoneId historyZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setString(index, LocalDateTime.ofInstant(instant, ZoneOffset.UTC).format(DATETIME));
    }

    @Override
    public Instant getInstant(ResultSet rs, String column) throws SQLException {
        return LocalDateTime.parse(rs.getString(column).replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }

    @Override
    public String quote(String identifier) {
        return IndexDefinitions.quote(identifier);
    }

    @Override
    public List<String> catalogParameters(String schema, InternalTables internal) {
        return List.of(schema, internal.history(), internal.ledger());
    }

    /**
     * The driver's metadata calls a database a catalog (as Flyway's MySQL support expects: with the driver's
     * useCatalogTerm=SCHEMA, Flyway found another database's history table), so the schema is never passed to
     * them as a schema pattern; idxmig asks information_schema instead ({@link #tableExists},
     * {@link #tablesWithColumn}).
     */
    @Override
    public String schemaPattern(String schema) {
        return null;
    }

    @Override
    public List<String> tablesWithColumn(Connection connection, String schema, String column) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql("tables_with_column"))) {
            ps.setString(1, schema);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }

    /** JDBC's getTables on this driver searches catalogs, not schemas: information_schema asked directly. */
    @Override
    public boolean tableExists(Connection connection, String schema, String table) throws SQLException {
        return !tableColumns(connection, schema, table).isEmpty();
    }

    @Override
    public List<IndexInfo> indexes(Connection connection, String schema, InternalTables internal)
            throws SQLException {
        List<KeyPart> parts = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql("indexes"))) {
            bindCatalogParameters(ps, schema, internal);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int prefix = rs.getInt("sub_part");
                    OptionalInt subPart = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(prefix);
                    parts.add(new KeyPart(rs.getString("table_name"), rs.getString("index_name"),
                            rs.getInt("non_unique") == 0, rs.getString("column_name"),
                            "D".equals(rs.getString("collation")), subPart, rs.getString("index_type"),
                            Optional.ofNullable(rs.getString("index_comment")), "YES".equals(rs.getString("ignored"))));
                }
            }
        }
        return IndexDefinitions.indexes(schema, parts, indexSizes(connection, schema));
    }

    /**
     * Index sizes by "table.index", from InnoDB's persistent statistics; none (not zeros) where the user may not
     * read mysql.innodb_index_stats or the statistics are not persistent.
     */
    private Map<String, Long> indexSizes(Connection connection, String schema) {
        Map<String, Long> sizes = new java.util.HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql("index_sizes"))) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sizes.put(rs.getString("table_name") + "." + rs.getString("index_name"), rs.getLong("size_bytes"));
                }
            }
        } catch (SQLException notPermitted) {
            return Map.of();
        }
        return sizes;
    }

    @Override
    public RunnerLock lockRunners(Database database, Duration wait) {
        return NamedLock.take(database, wait);
    }

    /**
     * {@code CHECK TABLE} over the tables of the migrations' indexes, with {@code deep} only: it reads each table
     * whole and InnoDB blocks writes to it meanwhile, so it is never run by default.
     */
    @Override
    public List<IntegrityCheck> checkIntegrity(Connection connection, String schema, List<IndexInfo> btreeIndexes,
                                               boolean deep) throws SQLException {
        if (!deep) {
            return List.of(new IntegrityCheck("check_table", false, List.of(), Optional.of("CHECK TABLE skipped: it "
                    + "reads each table whole and blocks its writes; run with --deep to check the tables of the "
                    + "migrations' indexes")));
        }
        Set<String> tables = new LinkedHashSet<>();
        btreeIndexes.forEach(i -> tables.add(i.table()));
        List<IntegrityCheck.Problem> problems = new ArrayList<>();
        for (String table : tables) {
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("CHECK TABLE " + qualify(schema, table))) {
                while (rs.next()) {
                    String type = rs.getString("Msg_type");
                    String text = rs.getString("Msg_text");
                    if (!"status".equalsIgnoreCase(type) || !"OK".equalsIgnoreCase(text)) {
                        problems.add(new IntegrityCheck.Problem(table, type + ": " + text));
                    }
                }
            }
        }
        return List.of(new IntegrityCheck("check_table", true, problems, Optional.empty()));
    }

    @Override
    public Optional<String> refusedStatement(String sql) {
        return OnlineDdl.rewrite(sql) instanceof OnlineDdl.Refused refused ? Optional.of(refused.reason())
                : Optional.empty();
    }

    @Override
    public Optional<String> blockingStatement(String sql, Set<String> newTables) {
        return OnlineDdl.blocking(sql, newTables);
    }

    /** Index statements run online or not at all (see {@link OnlineDdl}). */
    @Override
    public String onlineCreate(String definition) {
        return OnlineDdl.online(definition);
    }

    @Override
    public Optional<dev.idxmig.db.SoftDrops> softDrops() {
        return Optional.of(new MariaDbSoftDrops());
    }

    /** InnoDB builds FULLTEXT and SPATIAL indexes in place but under a shared lock: it refuses LOCK=NONE for them. */
    @Override
    public Optional<String> lockingCreate(String definition) {
        if (definition.startsWith("CREATE FULLTEXT INDEX ") || definition.startsWith("CREATE SPATIAL INDEX ")) {
            return Optional.of(definition + " ALGORITHM=INPLACE LOCK=SHARED");
        }
        return Optional.empty();
    }

    /** MariaDB names an index within its table: without the table, the statement says where it goes. */
    @Override
    public String onlineDrop(String schema, String index) {
        return "ALTER TABLE <its table> DROP INDEX IF EXISTS " + quote(index) + ", ALGORITHM=INPLACE, LOCK=NONE";
    }

    @Override
    public String onlineDrop(String schema, String table, String index) {
        String name = index.startsWith(table + ".") ? index.substring(table.length() + 1) : index;
        return "ALTER TABLE " + qualify(schema, table) + " DROP INDEX IF EXISTS " + quote(name)
                + ", ALGORITHM=INPLACE, LOCK=NONE";
    }

    @Override
    public String dropConstraint(String schema, String table, String constraint) {
        return "ALTER TABLE " + qualify(schema, table) + " DROP PRIMARY KEY";
    }

    @Override
    public String addConstraint(String schema, String table, IndexConstraint constraint, boolean usingIndex) {
        return "ALTER TABLE " + qualify(schema, table) + " ADD " + constraint.definition();
    }

    /** InnoDB drops a primary key online only while adding another in the same statement. */
    @Override
    public Optional<String> replaceConstraint(String schema, String table, IndexConstraint from, IndexConstraint to) {
        return Optional.of("ALTER TABLE " + qualify(schema, table) + " DROP PRIMARY KEY, ADD " + to.definition());
    }

    @Override
    public boolean buildsConstraintIndexApart() {
        return false;
    }

    @Override
    public Map<String, String> unsupportedQueries() {
        return Map.of(
                "doctor_invalid_indexes", "MariaDB builds an index in one statement: it is there and usable, or not "
                        + "there",
                "doctor_foreign_keys_without_index", "MariaDB builds an index for every foreign key itself");
    }

    /**
     * Index usage comes from performance_schema where it is on, with the table I/O instrument, and readable
     * (counted since the server's start), else, for doctor, from userstat's INDEX_STATISTICS where userstat is on
     * (counted since it was turned on, which the server does not record: audit, whose verdicts rest on the window,
     * does not take it); with neither, the checks that need it say why and how to turn one on. Index sizes need
     * SELECT on mysql.innodb_index_stats.
     */
    @Override
    public dev.idxmig.db.QuerySource querySource(Connection connection, String query) throws SQLException {
        switch (query) {
            case "doctor_unused_indexes":
            case "doctor_statistics_age":
                return usageSource(connection, query, true);
            case "audit_index_usage":
                return usageSource(connection, query, false);
            case "doctor_index_sizes":
                return IndexUsage.sizesReadable(connection) ? dev.idxmig.db.QuerySource.runs(query)
                        : dev.idxmig.db.QuerySource.unavailable("index sizes", "this user may not read "
                                + "mysql.innodb_index_stats, InnoDB's persistent statistics",
                        "GRANT SELECT ON mysql.innodb_index_stats TO the user idxmig connects as");
            default:
                return dev.idxmig.db.QuerySource.runs(query);
        }
    }

    private static dev.idxmig.db.QuerySource usageSource(Connection connection, String query, boolean userstatTaken)
            throws SQLException {
        PerformanceSchema ps = PerformanceSchema.of(connection);
        Optional<String> psWhyNot = ps.whyNot(ps.tableIo(), "table I/O instrument (wait/io/table/sql/handler)");
        if (psWhyNot.isEmpty()) {
            return dev.idxmig.db.QuerySource.runs(query);
        }
        boolean userstat = IndexUsage.userstatOn(connection);
        if (userstat && userstatTaken) {
            return dev.idxmig.db.QuerySource.runs(query + "_userstat");
        }
        if (userstat) {
            return dev.idxmig.db.QuerySource.unavailable("index usage", "MariaDB counts index usage here only "
                            + "through userstat (" + psWhyNot.get() + "), which does not record since when it "
                            + "counts, and audit's verdicts rest on that window",
                    "start the server with performance_schema = ON (it counts from the server's start); doctor "
                            + "reads userstat's counts meanwhile");
        }
        return dev.idxmig.db.QuerySource.unavailable("index usage", "MariaDB counts no index usage here ("
                        + psWhyNot.get() + ", and userstat is off)", userstatTaken
                        ? "turn one source on: SET GLOBAL userstat = ON (dynamic; INDEX_STATISTICS counts from then "
                        + "on), or start the server with performance_schema = ON (counts from the server's start); "
                        + "then run doctor again after a representative period, a week or a month"
                        : "start the server with performance_schema = ON (it counts from the server's start), then "
                        + "audit after a representative period, a week or a month");
    }

    @Override
    public Optional<String> unsupportedCommand(String command) {
        return Optional.ofNullable(UNSUPPORTED_COMMANDS.get(command)).map(why -> command + " does not work on "
                + displayName() + " yet: " + why + " (docs/mariadb.md lists what works)");
    }

    /** The commands that do not work on MariaDB yet, and why (docs/mariadb.md lists them too). */
    static final Map<String, String> UNSUPPORTED_COMMANDS = Map.of(
            "advise", "it needs a workload source and hypothetical indexes idxmig does not have on MariaDB yet");

    @Override
    public BackupTool backupTool() {
        return new MariaDbDump();
    }

    @Override
    public dev.idxmig.db.Explainer explainer(String schema) {
        return new MariaDbExplainer(this, schema);
    }

    @Override
    public ShadowCopies shadowCopies() {
        return (target, place, statistics, diagnostics) -> {
            throw IdxmigException.usage("shadow copies are not made on MariaDB yet",
                    "run without --shadow; replay pending migrations on a scratch MariaDB database yourself");
        };
    }
}
