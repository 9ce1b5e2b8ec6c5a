package dev.idxmig.db.postgres;

import com.zaxxer.hikari.HikariConfig;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.ConnectionSettings;
import dev.idxmig.config.Durations;
import dev.idxmig.db.BackupTool;
import dev.idxmig.db.Database;
import dev.idxmig.db.Dialect;
import dev.idxmig.db.IndexConstraint;
import dev.idxmig.db.IndexInfo;
import dev.idxmig.db.IntegrityCheck;
import dev.idxmig.db.StatementLevelErrors;
import dev.idxmig.db.UnhealthyIndex;
import dev.idxmig.db.IndexSyntax;
import dev.idxmig.db.InternalTables;
import dev.idxmig.db.RunnerLock;
import dev.idxmig.script.IndexStatement;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** PostgreSQL: catalog from {@code pg_index}, runner lock as a session advisory lock. */
public final class PostgresDialect implements Dialect {
    /** First key of idxmig's advisory lock ("idxm" in ASCII); the second is derived from the schema. */
    static final int LOCK_CLASS = 0x6964786d;

    @Override
    public boolean handlesUrl(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    @Override
    public boolean handlesProduct(String productName) {
        return productName.toLowerCase(java.util.Locale.ROOT).contains("postgresql");
    }

    @Override
    public String displayName() {
        return "PostgreSQL";
    }

    @Override
    public String driverVersion() {
        // "PostgreSQL JDBC Driver 42.7.14": the driver's own constant (no Maven metadata in its jar)
        return "pgjdbc " + org.postgresql.Driver.getVersion().replaceFirst("^\\D*", "");
    }

    /** libpq's variable, which psql and pg_dump read too: people who use them have it set already. */
    @Override
    public List<String> passwordVariables() {
        return List.of("PGPASSWORD");
    }

    @Override
    public String exampleUrl() {
        return "jdbc:postgresql://host:5432/db";
    }

    @Override
    public String id() {
        return "postgresql";
    }

    @Override
    public String defaultSchema() {
        return "public";
    }

    @Override
    public void configurePool(HikariConfig pool, ConnectionSettings settings) {
        // Flyway needs two connections on PostgreSQL; idxmig adds one for its runner lock and one for
        // progress and blocker polling while a build runs.
        pool.setMaximumPoolSize(5);
        pool.addDataSourceProperty("ApplicationName", "idxmig");
        pool.addDataSourceProperty("connectTimeout", "10");
        // HikariCP counts SQLSTATE 0A000 (feature_not_supported) as a broken connection and closes it. PostgreSQL
        // raises it for statements it refuses ("DROP INDEX CONCURRENTLY does not support dropping multiple
        // objects"), and the session is fine; closed under Flyway, its "Unable to restore connection" replaced the
        // database's own words.
        pool.setExceptionOverride(new StatementLevelErrors());
        pool.setConnectionInitSql(SESSION_SETTINGS);
    }

    /**
     * The settings that change how the server prints a definition or a value, the same in every session: a
     * {@code timestamptz} in an index predicate prints in the session's TimeZone (which pgjdbc sets to the JVM's),
     * so a definition recorded under one zone read as "changed by hand" under another. Set on each new connection
     * of the pool (pgjdbc sends its own TimeZone after {@code options=-c ...}, so a startup option would lose).
     * Flyway's {@code installed_on} is written in this zone too ({@link #historyZone}). search_path is fixed only
     * around catalog reads ({@link #indexes(Connection, List, boolean, InternalTables)}): migrations, undo scripts and
     * checks keep the search_path they are written for.
     */
    static final String SESSION_SETTINGS = "SELECT set_config('TimeZone', 'UTC', false), "
            + "set_config('DateStyle', 'ISO, MDY', false), set_config('IntervalStyle', 'postgres', false), "
            + "set_config('extra_float_digits', '3', false)";

    /**
     * The search_path under which definitions are printed: what a default path ({@code "$user", public}) shows for
     * a user without a schema of their own, so definitions read as they always did (ledgers, snapshots) and
     * whatever is outside {@code public} and pg_catalog is schema-qualified, on every connection alike.
     */
    static final String PRINT_PATH = "public";

    @Override
    public java.time.ZoneId historyZone() {
        return java.time.ZoneOffset.UTC; // now() in the session's TimeZone, which SESSION_SETTINGS fixes
    }

    @Override
    public boolean sameIndex(Connection connection, dev.idxmig.db.DefinedIndex recorded,
                             dev.idxmig.db.DefinedIndex live) throws SQLException {
        return ScratchDefinitions.same(this, connection, recorded, live);
    }

    @Override
    public List<String> catalogParameters(String schema, InternalTables internal) {
        return List.of(schema, internal.history(), internal.ledger());
    }

    @Override
    public void configureFlyway(FluentConfiguration flyway) {
        // Flyway's default transactional advisory lock makes CREATE INDEX CONCURRENTLY wait for Flyway's own
        // transaction: the migration hangs forever. idxmig's runner lock keeps two runners apart instead.
        // Through Flyway's public configuration keys, not its internal plugin register.
        flyway.configuration(java.util.Map.of("flyway.postgresql.transactional.lock", "false"));
    }

    /** to_regclass: one cheap lookup instead of JDBC's getTables, which matters across hundreds of schemas. */
    @Override
    public boolean tableExists(Connection connection, String schema, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, qualify(schema, table));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    @Override
    public void setInstant(PreparedStatement ps, int index, java.time.Instant instant) throws SQLException {
        ps.setObject(index, instant.atOffset(java.time.ZoneOffset.UTC));
    }

    /** The driver's own timestamptz parser: parsing the text with java.time took most of a fleet's ledger read. */
    @Override
    public java.time.Instant getInstant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, java.time.OffsetDateTime.class).toInstant();
    }

    /** One schema's indexes: the many-schema query with one schema, so the two can never drift apart. */
    @Override
    public List<IndexInfo> indexes(Connection connection, String schema, InternalTables internal)
            throws SQLException {
        return indexes(connection, List.of(schema), true, internal).get(schema);
    }

    /**
     * One query for all the schemas: the per-schema query scans all of pg_class each time (no catalog index leads
     * with the namespace), so a fleet of N schemas paid N scans of a catalog that grows with N.
     */
    @Override
    public Map<String, List<IndexInfo>> indexes(Connection connection, List<String> schemas, boolean sizes,
                                                InternalTables internal) throws SQLException {
        Map<String, List<IndexInfo>> bySchema = new LinkedHashMap<>();
        schemas.forEach(s -> bySchema.put(s, new ArrayList<>()));
        String searchPath = setSearchPath(connection, PRINT_PATH);
        try (PreparedStatement ps = connection.prepareStatement(sql("indexes_in_schemas"))) {
            ps.setBoolean(1, sizes);
            ps.setArray(2, connection.createArrayOf("text", schemas.toArray()));
            ps.setString(3, internal.history());
            ps.setString(4, internal.ledger());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    IndexInfo index = indexInfo(rs);
                    bySchema.computeIfAbsent(index.schema(), s -> new ArrayList<>()).add(index);
                }
            }
        } finally {
            setSearchPath(connection, searchPath);
        }
        return bySchema;
    }

    /**
     * Sets the session's search_path, returning the one it replaces. pg_get_indexdef and pg_get_constraintdef
     * qualify what the search_path does not show, and the catalog is read on Flyway's connection (search_path: the
     * schema) as on idxmig's own (the user's default): under one path the same index always reads the same.
     */
    private static String setSearchPath(Connection connection, String path) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT current_setting('search_path'), set_config('search_path', ?, false)")) {
            ps.setString(1, path);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static IndexInfo indexInfo(ResultSet rs) throws SQLException {
        long size = rs.getLong("size_bytes");
        OptionalLong sizeBytes = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(size);
        String constraintName = rs.getString("constraint_name");
        Optional<IndexConstraint> constraint = constraintName == null ? Optional.empty()
                : Optional.of(new IndexConstraint(constraintName,
                IndexConstraint.Kind.fromCode(rs.getString("constraint_type")), rs.getString("constraint_definition")));
        return new IndexInfo(rs.getString("schema_name"), rs.getString("table_name"), rs.getString("index_name"),
                rs.getString("definition"), rs.getString("method"), rs.getBoolean("is_unique"),
                rs.getBoolean("is_partial"), rs.getBoolean("is_valid"), rs.getBoolean("is_ready"), sizeBytes,
                constraint);
    }

    @Override
    public Map<String, Set<String>> existingTables(Connection connection, List<String> schemas, List<String> tables)
            throws SQLException {
        Map<String, Set<String>> bySchema = new LinkedHashMap<>();
        schemas.forEach(s -> bySchema.put(s, new LinkedHashSet<>()));
        try (PreparedStatement ps = connection.prepareStatement(sql("tables_in_schemas"))) {
            ps.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            ps.setArray(2, connection.createArrayOf("text", tables.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    bySchema.computeIfAbsent(rs.getString("schema_name"), s -> new LinkedHashSet<>())
                            .add(rs.getString("table_name"));
                }
            }
        }
        return bySchema;
    }

    @Override
    public Optional<String> indexScriptConfig() {
        return Optional.of("executeInTransaction=false\n");
    }

    @Override
    public RunnerLock lockRunners(Database database, Duration wait) {
        int objectKey = database.schema().hashCode();
        long deadline = System.nanoTime() + wait.toNanos();
        Connection c = null;
        try {
            c = database.connect();
            c.setAutoCommit(true);
            while (true) {
                if (tryLock(c, objectKey)) {
                    return new AdvisoryLock(c, objectKey);
                }
                if (System.nanoTime() >= deadline) {
                    String holder = describeHolder(c, objectKey);
                    c.close();
                    throw IdxmigException.lock("another idxmig run holds the migration lock on schema "
                                    + database.schema() + " (" + holder + "); waited " + Durations.format(wait),
                            "wait for it to finish, raise --lock-wait, or end that session if it is stuck");
                }
                Thread.sleep(200);
            }
        } catch (SQLException e) {
            closeQuietly(c);
            throw IdxmigException.operation("cannot take the runner lock: " + e.getMessage(), null, e);
        } catch (InterruptedException e) {
            closeQuietly(c);
            Thread.currentThread().interrupt();
            throw IdxmigException.lock("interrupted while waiting for the runner lock", null);
        }
    }

    @Override
    public java.util.Optional<dev.idxmig.db.IndexBuilds> indexBuilds() {
        return java.util.Optional.of(new PostgresIndexBuilds(this));
    }

    @Override
    public dev.idxmig.db.Explainer explainer(String schema) {
        return new PostgresExplainer(this, schema);
    }

    private static boolean tryLock(Connection c, int objectKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, objectKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private String describeHolder(Connection c, int objectKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql("runner_lock_holder"))) {
            ps.setInt(1, LOCK_CLASS);
            ps.setInt(2, objectKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return "holder already gone";
                }
                return String.format("pid %d, user %s, application '%s', from %s, connected since %s, %s",
                        rs.getInt("pid"), rs.getString("usename"), rs.getString("application_name"),
                        rs.getString("client"), rs.getTimestamp("backend_start").toInstant(), rs.getString("state"));
            }
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the lock dies with the session anyway
            }
        }
    }

    @Override
    public IndexSyntax indexSyntax() {
        return IndexSyntax.FULL;
    }

    private static final class AdvisoryLock implements RunnerLock {
        private final Connection connection;
        private final int objectKey;

        AdvisoryLock(Connection connection, int objectKey) {
            this.connection = connection;
            this.objectKey = objectKey;
        }

        @Override
        public void close() {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                ps.setInt(1, LOCK_CLASS);
                ps.setInt(2, objectKey);
                ps.execute();
            } catch (SQLException ignored) {
                // closing the session below releases it as well
            } finally {
                closeQuietly(connection);
            }
        }
    }

    @Override
    public List<UnhealthyIndex> unhealthyIndexes(Connection connection, List<String> schemas) throws SQLException {
        List<UnhealthyIndex> result = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql("unhealthy_indexes"))) {
            ps.setArray(1, connection.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int pid = rs.getInt("build_pid");
                    Optional<Integer> buildPid = rs.wasNull() ? Optional.empty() : Optional.of(pid);
                    result.add(new UnhealthyIndex(rs.getString("schema_name"), rs.getString("table_name"),
                            rs.getString("index_name"), rs.getBoolean("is_valid"), rs.getBoolean("is_ready"),
                            rs.getBoolean("is_live"), buildPid, Optional.ofNullable(rs.getString("build_phase"))));
                }
            }
        }
        return result;
    }

    /**
     * amcheck's {@code bt_index_check} (AccessShareLock only: safe on a live database) on each B-tree index, when
     * {@code deep}. Not installed or not permitted is said plainly, never passed over.
     */
    @Override
    public List<IntegrityCheck> checkIntegrity(Connection connection, String schema, List<IndexInfo> btreeIndexes,
                                               boolean deep) throws SQLException {
        if (!deep) {
            return List.of(new IntegrityCheck("amcheck", false, List.of(),
                    Optional.of("B-tree checks skipped; run with --deep to check the migrations' indexes with amcheck")));
        }
        boolean installed;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql("amcheck_available"))) {
            rs.next();
            installed = rs.getBoolean(1);
        }
        if (!installed) {
            return List.of(new IntegrityCheck("amcheck", false, List.of(), Optional.of("the amcheck extension is not "
                    + "installed in this database: run CREATE EXTENSION amcheck (as a superuser), then verify --deep")));
        }
        List<IntegrityCheck.Problem> problems = new ArrayList<>();
        for (IndexInfo index : btreeIndexes) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT bt_index_check(?::regclass, true)")) {
                ps.setString(1, qualify(index.schema(), index.name()));
                ps.execute();
            } catch (SQLException e) {
                if ("42501".equals(e.getSQLState())) {
                    return List.of(new IntegrityCheck("amcheck", false, problems, Optional.of("not permitted to run "
                            + "bt_index_check: grant EXECUTE on amcheck's functions (or pg_checkers) to this user")));
                }
                problems.add(new IntegrityCheck.Problem(index.name(), e.getMessage()));
            }
        }
        return List.of(new IntegrityCheck("amcheck", true, problems, Optional.empty()));
    }

    @Override
    public String onlineCreate(String definition) {
        // pg_get_indexdef gives CREATE [UNIQUE] INDEX name ON ...; CONCURRENTLY goes after INDEX, once.
        return IndexStatement.concurrentForm(definition);
    }

    @Override
    public String onlineDrop(String schema, String index) {
        return "DROP INDEX CONCURRENTLY IF EXISTS " + qualify(schema, index);
    }

    @Override
    public List<String> foreignKeysOn(Connection connection, String schema, String index) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql("foreign_keys_on_index"))) {
            ps.setString(1, schema);
            ps.setString(2, index);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add("constraint " + rs.getString("constraint_name") + " on table "
                            + rs.getString("schema_name") + "." + rs.getString("table_name") + ": "
                            + rs.getString("definition"));
                }
            }
        }
        return keys;
    }

    @Override
    public List<String> partitionsWithoutIndex(Connection connection, String schema, String index)
            throws SQLException {
        List<String> gaps = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql("partitions_without_index"))) {
            ps.setString(1, schema);
            ps.setString(2, index);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String attached = rs.getString("attached_index");
                    gaps.add(rs.getString("partition_schema") + "." + rs.getString("partition_name")
                            + (attached == null ? " (no index attached)" : " (" + attached + " is not valid)"));
                }
            }
        }
        return gaps;
    }

    @Override
    public String dropPartitionedIndex(String schema, String index) {
        return "DROP INDEX IF EXISTS " + qualify(schema, index) + " /* the index of a partitioned table: no "
                + "CONCURRENTLY; takes an ACCESS EXCLUSIVE lock on the table and each partition while it drops */";
    }

    @Override
    public boolean partitionedIndex(String definition) {
        return definition.matches("(?s)^CREATE (UNIQUE )?INDEX (CONCURRENTLY )?(?:\"(?:[^\"]|\"\")+\"|\\S+) ON ONLY .*");
    }

    /** host:port of a jdbc:postgresql:// URL. */
    @Override
    public String server(String jdbcUrl) {
        return dev.idxmig.config.JdbcUrl.of(jdbcUrl).server().authority().orElse(jdbcUrl);
    }

    @Override
    public String databaseName(String jdbcUrl) {
        String database = dev.idxmig.config.JdbcUrl.of(jdbcUrl).server().database();
        return database.isEmpty() ? "postgres" : database;
    }

    @Override
    public BackupTool backupTool() {
        return new PgDumpBackup();
    }

    @Override
    public dev.idxmig.db.ShadowCopies shadowCopies() {
        return new PgShadowCopies(this);
    }

    @Override
    public Set<String> fewValueColumns(Connection c, String schema, String table, int max) throws SQLException {
        Set<String> few = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql("few_value_columns"))) {
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setInt(3, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    few.add(rs.getString("column_name").toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return few;
    }

    @Override
    public boolean hasStatementStatistics() {
        return true;
    }

    @Override
    public java.util.Optional<dev.idxmig.db.TableActivity> tableActivity(Connection c, String schema, String table)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql("table_writes"))) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return java.util.Optional.empty();
                }
                java.sql.Timestamp since = rs.getTimestamp("since");
                return java.util.Optional.of(new dev.idxmig.db.TableActivity(rs.getLong("writes"), rs.getLong("reads"),
                        java.util.Optional.ofNullable(since).map(java.sql.Timestamp::toInstant)));
            }
        }
    }

    @Override
    public java.util.Optional<dev.idxmig.db.HypotheticalIndexes> hypotheticalIndexes() {
        return java.util.Optional.of(new HypoPg(this));
    }


}
