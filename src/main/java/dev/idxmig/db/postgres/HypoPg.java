package dev.idxmig.db.postgres;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.db.HypotheticalIndexes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Hypothetical indexes through the HypoPG extension: {@code hypopg_create_index} adds an index only this
 * session's planner sees (plain EXPLAIN, never EXPLAIN ANALYZE), held in backend memory, gone with the session.
 * The extension must already exist in the database: idxmig never creates it, since that would write to the target.
 */
final class HypoPg implements HypotheticalIndexes {
    private final PostgresDialect dialect;
    private final Map<String, Long> oids = new HashMap<>();

    HypoPg(PostgresDialect dialect) {
        this.dialect = dialect;
    }

    private record Status(Optional<String> installed, Optional<String> available, Optional<String> schema,
                          boolean canHide, String database, int major) {
    }

    private Status status(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(dialect.sql("hypopg_status"))) {
            rs.next();
            return new Status(Optional.ofNullable(rs.getString("installed")),
                    Optional.ofNullable(rs.getString("available")), Optional.ofNullable(rs.getString("extension_schema")),
                    rs.getBoolean("can_hide"), rs.getString("database"), rs.getInt("major"));
        }
    }

    @Override
    public void require(Connection c, String schema) {
        Status s;
        try {
            s = status(c);
        } catch (SQLException e) {
            throw IdxmigException.operation("cannot tell whether HypoPG is installed: " + e.getMessage(), null, e);
        }
        if (s.installed().isEmpty() && s.available().isEmpty()) {
            throw IdxmigException.usage("hypothetical indexes need the HypoPG extension, which is not installed on "
                            + "this PostgreSQL " + s.major() + " server",
                    "install the package postgresql-" + s.major() + "-hypopg on the database server (Debian/Ubuntu: "
                            + "apt-get install postgresql-" + s.major() + "-hypopg), then run CREATE EXTENSION hypopg; "
                            + "in database " + s.database());
        }
        if (s.installed().isEmpty()) {
            throw IdxmigException.usage("hypothetical indexes need the HypoPG extension, which is not created in "
                            + "database " + s.database() + " (the server offers version " + s.available().get() + ")",
                    "run CREATE EXTENSION hypopg; in database " + s.database() + " as a user allowed to (idxmig "
                            + "only reads the target and does not create it itself)");
        }
        try (Statement st = c.createStatement()) {
            // table names resolve in the target schema, as the migrations' do; hypopg's functions wherever they live
            st.execute("SET search_path = " + dialect.quote(schema) + ", " + dialect.quote(s.schema().orElse("public")));
        } catch (SQLException e) {
            throw IdxmigException.operation("cannot prepare the session for HypoPG: " + e.getMessage(), null, e);
        }
    }

    @Override
    public String create(Connection c, String createIndex) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.sql("hypopg_create_index"))) {
            ps.setString(1, createIndex);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String name = rs.getString("indexname");
                oids.put(name, rs.getLong("indexrelid"));
                return name;
            }
        }
    }

    @Override
    public void drop(Connection c, String planName) throws SQLException {
        Long oid = oids.remove(planName);
        if (oid == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(dialect.sql("hypopg_drop_index"))) {
            ps.setLong(1, oid);
            ps.execute();
        }
    }

    @Override
    public boolean canHide(Connection c) throws SQLException {
        return status(c).canHide();
    }

    @Override
    public boolean hide(Connection c, String schema, String index) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.sql("hypopg_hide_index"))) {
            ps.setString(1, dialect.qualify(schema, index));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    @Override
    public void reset(Connection c) throws SQLException {
        boolean hides = canHide(c);
        try (Statement st = c.createStatement()) {
            st.execute(dialect.sql("hypopg_reset"));
            st.execute("RESET search_path");
            if (hides) {
                st.execute(dialect.sql("hypopg_unhide_all"));
            }
        }
        oids.clear();
    }

    @Override
    public String describe(Connection c) throws SQLException {
        return "HypoPG " + status(c).installed().orElse("?");
    }
}
