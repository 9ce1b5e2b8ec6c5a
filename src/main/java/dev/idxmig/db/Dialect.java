package dev.idxmig.db;

import com.zaxxer.hikari.HikariConfig;
import dev.idxmig.config.ConnectionSettings;

import org.flywaydb.core.api.configuration.FluentConfiguration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything idxmig does differently per database. Code outside {@code db/} asks the dialect instead of
 * testing which database it talks to.
 */
public interface Dialect {
    /** PostgreSQL's text form of a timestamptz with the space replaced by 'T': ISO date-time, offset "+00". */
    java.time.format.DateTimeFormatter SPACED_TIMESTAMPTZ = new java.time.format.DateTimeFormatterBuilder()
            .append(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendPattern("[XXX][XX][X]").toFormatter();

    /** Flyway's name for the database, which also fills the {@code {vendor}} token in locations. */
    String id();

    /** Whether this dialect talks to the database of a JDBC URL ({@code jdbc:postgresql:...}). */
    boolean handlesUrl(String jdbcUrl);

    /**
     * The environment variables this database's own tools read a password from ({@code PGPASSWORD}), which idxmig
     * reads too, after {@code IDXMIG_PASSWORD}; none by default.
     */
    default List<String> passwordVariables() {
        return List.of();
    }

    /**
     * What to tell someone whose URL no dialect handles but this one knows of ({@code jdbc:mysql:} for MariaDB's):
     * said in the usage error instead of the generic one. Empty by default.
     */
    default Optional<String> adviceForUrl(String jdbcUrl) {
        return Optional.empty();
    }

    /** Whether this dialect talks to a server that names itself so ({@code DatabaseMetaData.getDatabaseProductName}). */
    boolean handlesProduct(String productName);

    /**
     * Whether a statement the SQL reader calls a table change changes only indexes on this database (MariaDB: an
     * {@code ALTER TABLE ... ADD UNIQUE (a)} is a unique index, which the ledger records and rollback drops); lint's
     * {@code non-index-statement} asks. None by default: on PostgreSQL a constraint is more than its index.
     */
    default boolean changesOnlyIndexes(String sql) {
        return false;
    }

    /** Why idxmig cannot work with this server version, if it cannot (checked once, on connecting). */
    default Optional<String> unsupportedVersion(int major, int minor) {
        return Optional.empty();
    }

    /** What to do when the URL says this database but the server is {@code productName}: by default, fix the URL. */
    default String otherProductHint(String productName) {
        return "use the JDBC URL scheme of the database you connect to";
    }

    /** The database's name for people: "PostgreSQL", "SQLite". */
    String displayName();

    /** The JDBC driver and its version as the driver reports it at run time, for --version: "pgjdbc 42.7.14". */
    String driverVersion();

    /** A JDBC URL of this database, for messages that say what idxmig accepts. */
    String exampleUrl();

    /** The schema used when none is configured ({@code public}, {@code main}). */
    String defaultSchema();

    /**
     * The schema used when none is configured, for a target at this URL: {@link #defaultSchema()} by default; where
     * a database is the schema (MariaDB), the URL's database.
     */
    default String defaultSchema(String jdbcUrl) {
        return defaultSchema();
    }

    /**
     * Why a command (by its name, {@code audit}) cannot work on this database yet, in words that name the command
     * and the database; empty where it can (always, on PostgreSQL and SQLite). Asked once, before the command's
     * first connection, and refused as a usage error (exit 2).
     */
    default Optional<String> unsupportedCommand(String command) {
        return Optional.empty();
    }

    /** Connection pool settings for this database: sizes, driver properties, session defaults. */
    void configurePool(HikariConfig pool, ConnectionSettings settings);

    /**
     * Whether two definitions of an index build the same index, behind the same constraint: what verify, status and
     * restore ask of a recorded definition and the live one. Identical text is the same index, without a round trip;
     * otherwise the database decides where it can print a definition in more than one way (PostgreSQL builds both
     * on an empty scratch copy of the table, in a transaction it rolls back, and compares what it prints for each).
     * By default (SQLite, which keeps the text as written) only identical text is the same.
     */
    default boolean sameIndex(Connection connection, DefinedIndex recorded, DefinedIndex live) throws SQLException {
        return recorded.sameText(live);
    }

    /** Checks, before connecting, what can be checked without a server (a SQLite file's folder). */
    default void checkReachable(ConnectionSettings settings) {
    }

    /** What to check when a connection failed for a reason other than credentials or a missing database. */
    default String cannotConnectHint() {
        return "check that the server is running and the host, port and database in the URL are right";
    }

    /** All user indexes in the schema, leaving out those backing constraints and those of the internal tables. */
    List<IndexInfo> indexes(Connection connection, String schema, InternalTables internal) throws SQLException;

    /**
     * All user indexes of each of the schemas, as {@link #indexes(Connection, String)} lists them, by schema (every
     * schema asked for is a key). Fleet runs read many schemas' catalogs this way: by default one query per schema,
     * where the database can, one query for all.
     *
     * @param sizes whether each index's size is wanted; without, a dialect may leave {@link IndexInfo#sizeBytes()}
     *              empty where measuring costs (PostgreSQL opens each index's file)
     */
    default Map<String, List<IndexInfo>> indexes(Connection connection, List<String> schemas, boolean sizes,
                                                 InternalTables internal) throws SQLException {
        Map<String, List<IndexInfo>> bySchema = new LinkedHashMap<>();
        for (String schema : schemas) {
            bySchema.put(schema, indexes(connection, schema, internal));
        }
        return bySchema;
    }

    /**
     * The parameters of the catalog queries ({@code indexes}, {@code tables}): the schema where the database has
     * schemas, then the internal tables to leave out (Flyway's history, idxmig's ledger).
     */
    List<String> catalogParameters(String schema, InternalTables internal);

    /** Flyway settings this database needs (PostgreSQL: no transactional advisory lock). */
    default void configureFlyway(FluentConfiguration flyway) {
    }

    /** Tables of the schema with their columns as "name type", to tell when a migration changed more than indexes. */
    default Map<String, List<String>> tables(Connection connection, String schema, InternalTables internal)
            throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql(SharedQueries.TABLES))) {
            bindCatalogParameters(ps, schema, internal);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.computeIfAbsent(rs.getString("table_name"), t -> new ArrayList<>())
                            .add(rs.getString("column_name") + " " + rs.getString("data_type"));
                }
            }
        }
        return tables;
    }

    default void bindCatalogParameters(PreparedStatement ps, String schema, InternalTables internal)
            throws SQLException {
        List<String> params = catalogParameters(schema, internal);
        for (int i = 0; i < params.size(); i++) {
            ps.setString(i + 1, params.get(i));
        }
    }

    /** A table's columns, lower case; empty when the table does not exist. One light catalog query. */
    default Set<String> tableColumns(Connection connection, String schema, String table) throws SQLException {
        Set<String> columns = new java.util.HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(sql(SharedQueries.TABLE_COLUMNS))) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString("column_name").toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return columns;
    }

    default boolean tableExists(Connection connection, String schema, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet rs = meta.getTables(null, schemaPattern(schema), table, null)) {
            return rs.next();
        }
    }

    /**
     * Which of the tables exist in which of the schemas, as {@link #tableExists} tells them one by one: the tables
     * found, by schema (every schema asked for is a key).
     */
    default Map<String, Set<String>> existingTables(Connection connection, List<String> schemas, List<String> tables)
            throws SQLException {
        Map<String, Set<String>> bySchema = new LinkedHashMap<>();
        for (String schema : schemas) {
            Set<String> found = new LinkedHashSet<>();
            for (String table : tables) {
                if (tableExists(connection, schema, table)) {
                    found.add(table);
                }
            }
            bySchema.put(schema, found);
        }
        return bySchema;
    }

    /**
     * How much a table is written and read, as the database counts it ({@code pg_stat_user_tables} since the
     * statistics were reset); empty where the database keeps no such counts (SQLite).
     */
    default java.util.Optional<TableActivity> tableActivity(Connection connection, String schema, String table)
            throws SQLException {
        return java.util.Optional.empty();
    }

    /**
     * A table's columns (lower case) that hold at most {@code max} distinct values by the planner's statistics: a
     * status or a kind, where a constant in a query can make a partial index. Empty where the database keeps no such
     * statistics (SQLite).
     */
    default Set<String> fewValueColumns(Connection connection, String schema, String table, int max)
            throws SQLException {
        return Set.of();
    }

    /**
     * Whether the database can keep per-statement execution statistics ({@code pg_stat_statements}): the SQL
     * resources {@code stat_statements_status} and {@code stat_statements_top} read them.
     */
    default boolean hasStatementStatistics() {
        return false;
    }

    /**
     * The tables of the schema that have a column of this name (Flyway's history tables, whatever they are
     * called): by JDBC metadata by default.
     */
    default List<String> tablesWithColumn(Connection connection, String schema, String column) throws SQLException {
        java.util.Set<String> tables = new java.util.TreeSet<>();
        try (ResultSet rs = connection.getMetaData().getColumns(null, schemaPattern(schema), "%", column)) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        return List.copyOf(tables);
    }

    /** The schema as JDBC metadata calls want it ({@code null} where the database has no schemas). */
    default String schemaPattern(String schema) {
        return schema;
    }

    /** Binds a timestamp so it can be read back as text: ISO-8601 in SQLite, {@code timestamptz} in PostgreSQL. */
    default void setInstant(PreparedStatement ps, int index, java.time.Instant instant) throws SQLException {
        ps.setString(index, instant.toString());
    }

    /** Reads a timestamp bound with {@link #setInstant}: by default from its text, ISO-8601 or PostgreSQL's. */
    default java.time.Instant getInstant(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        if (text.indexOf(' ') < 0) {
            try {
                return java.time.Instant.parse(text);
            } catch (RuntimeException e) {
                // not ISO-8601: let the other form say what is wrong with it
            }
        }
        // PostgreSQL returns timestamptz text as "2025-01-01 10:00:00.123+00"
        return java.time.OffsetDateTime.parse(text.replace(' ', 'T'), SPACED_TIMESTAMPTZ).toInstant();
    }

    /** Takes the runner lock, waiting up to {@code wait}; throws a lock failure naming the holder. */
    RunnerLock lockRunners(Database database, Duration wait);

    /** A schema-qualified, quoted table name. */
    default String qualify(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    default String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** doctor's list of soft-dropped indexes: only where the database has soft drops ({@link #softDrops()}). */
    String SOFT_DROPPED_QUERY = "doctor_soft_dropped_indexes";
    /** Why a database without soft drops has no such list. */
    String NO_SOFT_DROPS = "the database has no index that stays built while queries ignore it (no soft drops)";

    /**
     * The optional shared queries (doctor checks) this dialect does not ship, each with the reason a report can
     * give: the database has no such state or statistics.
     */
    default java.util.Map<String, String> unsupportedQueries() {
        return softDrops().isPresent() ? java.util.Map.of() : java.util.Map.of(SOFT_DROPPED_QUERY, NO_SOFT_DROPS);
    }

    /**
     * How this server answers the optional query {@code query} (a doctor check's, audit's) as it is set up now:
     * by default by the query's own SQL file; a dialect whose statistics depend on server settings (MariaDB's
     * index usage: performance_schema or userstat) names another file, or says why it cannot answer.
     */
    default QuerySource querySource(Connection connection, String query) throws SQLException {
        return QuerySource.runs(query);
    }

    default String sql(String name) {
        return SqlResource.load(id(), name);
    }

    /** Indexes of the schemas that are not valid, ready or live (always none on SQLite, which has no such state). */
    default List<UnhealthyIndex> unhealthyIndexes(Connection connection, List<String> schemas) throws SQLException {
        return List.of();
    }

    /**
     * Data-integrity checks of this database: SQLite's integrity and foreign-key checks; on PostgreSQL, with
     * {@code deep}, amcheck over the given B-tree indexes.
     */
    List<IntegrityCheck> checkIntegrity(Connection connection, String schema, List<IndexInfo> btreeIndexes,
                                        boolean deep) throws SQLException;

    /** The statement that builds an index from its canonical definition without blocking writes where possible. */
    default String onlineCreate(String definition) {
        return definition;
    }

    /** The statement that drops an index without blocking writes where possible, and is harmless if it is gone. */
    default String onlineDrop(String schema, String index) {
        return "DROP INDEX IF EXISTS " + qualify(schema, index);
    }

    /**
     * The same as {@link #onlineDrop(String, String)} for an index of a known table: where the database names an
     * index within its table (MariaDB: {@code DROP INDEX name ON table}), the only form it takes.
     */
    default String onlineDrop(String schema, String table, String index) {
        return onlineDrop(schema, index);
    }

    /**
     * The statement that drops a partitioned table's index ({@link #partitionedIndex}): there is no concurrent
     * drop of one, so the statement says which lock it takes.
     */
    default String dropPartitionedIndex(String schema, String index) {
        return onlineDrop(schema, index);
    }

    /** The statement that drops the constraint an index stands behind (and with it the index), if it is there. */
    default String dropConstraint(String schema, String table, String constraint) {
        return "ALTER TABLE " + qualify(schema, table) + " DROP CONSTRAINT IF EXISTS " + quote(constraint);
    }

    /**
     * The statement that adds a constraint back: over an index built beforehand when {@code usingIndex} (primary
     * keys and unique constraints), or building its own index.
     */
    default String addConstraint(String schema, String table, IndexConstraint constraint, boolean usingIndex) {
        String head = "ALTER TABLE " + qualify(schema, table) + " ADD CONSTRAINT " + quote(constraint.name()) + " ";
        if (!usingIndex) {
            return head + constraint.definition();
        }
        // The index carries the columns, INCLUDE, NULLS NOT DISTINCT and storage; the deferral is the constraint's.
        return head + (constraint.kind() == IndexConstraint.Kind.PRIMARY_KEY ? "PRIMARY KEY" : "UNIQUE")
                + " USING INDEX " + quote(constraint.name()) + constraint.deferral();
    }

    /**
     * The foreign keys that depend on an index (as "constraint fk on table t: FOREIGN KEY (...) REFERENCES ..."):
     * the index, or its constraint, cannot be dropped without dropping them. None where the database has no such
     * dependency.
     */
    default List<String> foreignKeysOn(Connection connection, String schema, String index) throws SQLException {
        return List.of();
    }

    /**
     * Whether a canonical index definition is of a partitioned table's index (PostgreSQL writes {@code ON ONLY}),
     * which has no concurrent build of its own and no {@code ADD CONSTRAINT ... USING INDEX}.
     */
    default boolean partitionedIndex(String definition) {
        return false;
    }

    /**
     * The partitions (at every level) of a partitioned index's table that lack an attached valid index of it, as
     * "public.events_r2 (no index attached)": why the partitioned index is not valid yet.
     */
    default List<String> partitionsWithoutIndex(Connection connection, String schema, String index)
            throws SQLException {
        return List.of();
    }

    /** The user schemas of the database, for schema patterns ({@code main} alone on SQLite). */
    default List<String> schemas(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql(SharedQueries.SCHEMAS)); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** The database's name, as Flyway's {@code ${flyway:database}} gives it ({@code main} on SQLite). */
    default String databaseName(String jdbcUrl) {
        return "main";
    }

    /** The database server, to limit concurrent index builds per server in fleet runs. */
    default String server(String jdbcUrl) {
        return jdbcUrl;
    }

    /**
     * The Flyway script configuration ({@code .sql.conf} sidecar) a migration of index statements written by
     * idxmig needs: PostgreSQL runs {@code CONCURRENTLY} only outside a transaction. Empty: no sidecar.
     */
    default Optional<String> indexScriptConfig() {
        return Optional.empty();
    }

    /** Which index syntax this database accepts beyond the basics, so lint can warn before a script fails. */
    default IndexSyntax indexSyntax() {
        return IndexSyntax.BASIC;
    }

    /** Whether the target already exists, so a read-only command can skip it instead of creating it. */
    default boolean targetExists(ConnectionSettings settings) {
        return true;
    }

    /**
     * Where an empty database can stand in for a target that does not exist yet ({@link #targetExists} false), in
     * the given scratch folder: a dry run plans against it and the target is not created.
     */
    default ConnectionSettings emptyStandIn(ConnectionSettings target, java.nio.file.Path folder) {
        throw new UnsupportedOperationException(displayName() + " targets always exist");
    }

    /**
     * A table's rows and bytes, cheaply: an estimate where counting would read the whole table. By default the
     * dialect's {@code table_size} query, with parameters schema and table, returning {@code row_estimate} and
     * {@code size_bytes}.
     */
    default TableSize tableSize(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql(SharedQueries.TABLE_SIZE))) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new TableSize(0, true, java.util.OptionalLong.empty());
                }
                return new TableSize(rs.getLong("row_estimate"), true,
                        java.util.OptionalLong.of(rs.getLong("size_bytes")));
            }
        }
    }

    /** Backup and restore of whole databases: SQLite's online backup API, {@code pg_dump}. */
    BackupTool backupTool();

    /**
     * Why migrate refuses this statement on this database before anything runs, if it does (MariaDB: an index
     * statement that forces a table copy or a blocking lock, unless {@code --allow-table-copy}); lint reports the
     * same. Empty by default.
     */
    default Optional<String> refusedStatement(String sql) {
        return Optional.empty();
    }

    /**
     * The statement an undo script drops a created index with, harmless when it is gone already: PostgreSQL's and
     * SQLite's {@code DROP INDEX [CONCURRENTLY] IF EXISTS name}; MariaDB's names the table.
     */
    default String dropIndexIfExists(String index, String table, boolean concurrently) {
        return "DROP INDEX " + (concurrently ? "CONCURRENTLY " : "") + "IF EXISTS " + index;
    }

    /**
     * Why an index on a whole column of this type keys only a prefix of it on this database, if it does (MariaDB:
     * TEXT and BLOB columns); lint's {@code implicit-prefix} reports such an index. Empty by default.
     */
    default Optional<String> implicitKeyPrefix(String columnType) {
        return Optional.empty();
    }

    /**
     * Why this index statement blocks the table's writes while it runs even when run online, if it does (MariaDB:
     * FULLTEXT and SPATIAL builds take a shared lock; a primary key change rebuilds the table), unless it is on one
     * of {@code newTables} (made earlier in the same script: nobody writes to them yet). For lint. Empty by default.
     */
    default Optional<String> blockingStatement(String sql, Set<String> newTables) {
        return Optional.empty();
    }

    /**
     * Where the database has no online builds of PostgreSQL's kind ({@link #indexBuilds()} empty) but its
     * migration statements still need a guard (MariaDB: online DDL asserted, lock waits bounded, statements an
     * interrupted attempt completed skipped): the guard. Empty by default (SQLite, PostgreSQL).
     */
    default Optional<StatementGuard> statementGuard() {
        return Optional.empty();
    }

    /**
     * The one statement that puts constraint {@code to} in the place of {@code from} on a table, where the table
     * cannot go without it between two statements (MariaDB: InnoDB drops a primary key online only while adding
     * another in the same statement); empty where dropping one and then adding the other works.
     */
    default Optional<String> replaceConstraint(String schema, String table, IndexConstraint from, IndexConstraint to) {
        return Optional.empty();
    }

    /**
     * Whether a constraint's index is built apart, before the constraint takes it over ({@code ADD CONSTRAINT ...
     * USING INDEX}, PostgreSQL); where it is not (MariaDB: a primary key's index is made by the constraint alone),
     * rollback adds the constraint with its own index.
     */
    default boolean buildsConstraintIndexApart() {
        return true;
    }

    /**
     * Soft drops (an index kept built but ignored by the optimizer), where the database has them (MariaDB); empty
     * elsewhere: {@code --soft-drop} is then a usage error, decided from the URL before any connection.
     */
    default Optional<SoftDrops> softDrops() {
        return Optional.empty();
    }

    /**
     * The statement that builds an index the server cannot build online under the lightest lock it allows, where
     * that is so (MariaDB: a FULLTEXT or SPATIAL index, with {@code LOCK=SHARED}); empty where {@link #onlineCreate}
     * builds it without blocking writes. For a rollback run with {@code --allow-table-copy}.
     */
    default Optional<String> lockingCreate(String definition) {
        return Optional.empty();
    }

    /**
     * Online index builds (session settings, blocker report, progress, invalid-index cleanup), where the database
     * has them; empty where index statements just run (SQLite).
     */
    default java.util.Optional<IndexBuilds> indexBuilds() {
        return java.util.Optional.empty();
    }

    /**
     * Connections one running migration holds at once from its database's pool: Flyway's two (the history table's
     * and the migration's), the runner lock's, and a build observer's (progress, blockers). Fleet runs size each
     * pool as this times the targets that run at once, so no target waits for a connection another one holds.
     */
    default int connectionsPerMigration() {
        return 4;
    }

    /** Query plans and table statistics of this database, for plan-check and bench, in the given schema. */
    Explainer explainer(String schema);

    /**
     * The zone of Flyway's {@code installed_on} (a timestamp without a zone): where the history row was written.
     * By default the JVM's zone; a dialect that fixes its sessions' zone says which.
     */
    default java.time.ZoneId historyZone() {
        return java.time.ZoneId.systemDefault();
    }

    /** Throwaway schema-only copies of a target, for shadow replays and plans against statistics (SQLite). */
    ShadowCopies shadowCopies();

    /**
     * Hypothetical indexes on the target itself (PostgreSQL: HypoPG), where the database has them; empty where a
     * copy of the schema and its statistics plans the same (SQLite).
     */
    default java.util.Optional<HypotheticalIndexes> hypotheticalIndexes() {
        return java.util.Optional.empty();
    }
}
