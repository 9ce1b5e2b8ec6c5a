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
import java.util.List;
import java.util.Map;

/**
 * Everything idxmig does differently per database. Code outside {@code db/} asks the dialect instead of
 * testing which database it talks to.
 */
public interface Dialect {

    /** Flyway's name for the database, which also fills the {@code {vendor}} token in locations. */
    String id();

    /** The schema used when none is configured ({@code public}, {@code main}). */
    String defaultSchema();

    /** Connection pool settings for this database: sizes, driver properties, session defaults. */
    void configurePool(HikariConfig pool, ConnectionSettings settings);

    /** Checks, before connecting, what can be checked without a server (a SQLite file's folder). */
    default void checkReachable(ConnectionSettings settings) {
    }

    /** All user indexes in the schema, leaving out those backing constraints and idxmig's and Flyway's own. */
    List<IndexInfo> indexes(Connection connection, String schema) throws SQLException;

    /**
     * The parameters of the catalog queries ({@code indexes}, {@code tables}): the schema where the database has
     * schemas, then the internal tables to leave out.
     */
    List<String> catalogParameters(String schema);

    /** Flyway settings this database needs (PostgreSQL: no transactional advisory lock). */
    default void configureFlyway(FluentConfiguration flyway) {
    }

    /** Tables of the schema with their columns as "name type", to tell when a migration changed more than indexes. */
    default Map<String, List<String>> tables(Connection connection, String schema) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql("tables"))) {
            bindCatalogParameters(ps, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.computeIfAbsent(rs.getString("table_name"), t -> new ArrayList<>())
                            .add(rs.getString("column_name") + " " + rs.getString("data_type"));
                }
            }
        }
        return tables;
    }

    default void bindCatalogParameters(PreparedStatement ps, String schema) throws SQLException {
        List<String> params = catalogParameters(schema);
        for (int i = 0; i < params.size(); i++) {
            ps.setString(i + 1, params.get(i));
        }
    }

    default boolean tableExists(Connection connection, String schema, String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet rs = meta.getTables(null, schemaPattern(schema), table, null)) {
            return rs.next();
        }
    }

    /** The schema as JDBC metadata calls want it ({@code null} where the database has no schemas). */
    default String schemaPattern(String schema) {
        return schema;
    }

    /** Binds a timestamp so it can be read back as text: ISO-8601 in SQLite, {@code timestamptz} in PostgreSQL. */
    default void setInstant(PreparedStatement ps, int index, java.time.Instant instant) throws SQLException {
        ps.setString(index, instant.toString());
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

    default String sql(String name) {
        return SqlResource.load(id(), name);
    }

    /** Query plans and table statistics of this database, for plan-check and bench, in the given schema. */
    Explainer explainer(String schema);
}
