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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hypothetical indexes through the HypoPG extension: {@code hypopg_create_index} adds an index only this
 * session's planner sees (plain EXPLAIN, never EXPLAIN ANALYZE), held in backend memory, gone with the session.
 * The extension must already exist in the database: idxmig never creates it, since that would write to the target.
 */
final class HypoPg implements HypotheticalIndexes {
    /** HypoPG's words for an index type it does not know ({@code hypopg: access method "gin" is not supported}). */
    private static final Pattern UNSUPPORTED_METHOD = Pattern.compile("access method \"([^\"]+)\" is not supported");
    private static final Pattern WHERE = Pattern.compile("(?i)\\bWHERE\\b");
    /** {@code col = false} and the like, standing alone between WHERE, parentheses, AND, OR, NOT and the end. */
    private static final Pattern BOOLEAN_COMPARISON = Pattern.compile("(?i)(^\\s*|\\(\\s*|\\b(?:AND|OR|NOT)\\s+)"
            + "((?:\"[^\"]+\"|[a-z_][\\w$]*)(?:\\.(?:\"[^\"]+\"|[a-z_][\\w$]*))?)\\s*(=|<>|!=)\\s*(true|false)\\b"
            + "(?=\\s*(?:\\)|;|$|\\bAND\\b|\\bOR\\b))");
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

    /**
     * Makes the index, its predicate's boolean comparisons written as PostgreSQL stores them (see
     * {@link #normalizeBooleans}); an access method HypoPG cannot model (1.3.1 has no GIN or GiST) fails with a
     * message that says so, in SQLSTATE {@link #UNMODELLED}.
     */
    @Override
    public String create(Connection c, String createIndex) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.sql("hypopg_create_index"))) {
            ps.setString(1, normalizeBooleans(createIndex));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String name = rs.getString("indexname");
                oids.put(name, rs.getLong("indexrelid"));
                return name;
            }
        } catch (SQLException e) {
            Matcher m = UNSUPPORTED_METHOD.matcher(String.valueOf(e.getMessage()));
            if (!m.find()) {
                throw e;
            }
            throw new SQLException("HypoPG " + status(c).installed().orElse("?") + " cannot model a " + m.group(1)
                    + " index", UNMODELLED, e);
        }
    }

    /**
     * The statement with its predicate's {@code col = false} written {@code NOT col} (and {@code = true},
     * {@code <> true}, {@code <> false} alike). PostgreSQL simplifies both a real index's predicate and a query's
     * WHERE that way before the planner proves one implies the other; HypoPG 1.3.1 keeps the predicate as written,
     * so {@code WHERE is_read = FALSE} never matched the query's simplified {@code NOT is_read} and the hypothetical
     * plan ignored an index the real one uses. A predicate with a string or dollar quote is left alone.
     */
    static String normalizeBooleans(String createIndex) {
        Matcher where = WHERE.matcher(createIndex);
        if (!where.find()) {
            return createIndex;
        }
        String predicate = createIndex.substring(where.end());
        if (predicate.indexOf('\'') >= 0 || predicate.indexOf('$') >= 0) {
            return createIndex;
        }
        Matcher m = BOOLEAN_COMPARISON.matcher(predicate);
        StringBuilder out = new StringBuilder(createIndex.substring(0, where.end()));
        while (m.find()) {
            boolean positive = m.group(3).equals("=") == m.group(4).equalsIgnoreCase("true");
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + (positive ? "(" : "(NOT ") + m.group(2)
                    + ")"));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public java.util.OptionalLong size(Connection c, String planName) throws SQLException {
        Long oid = oids.get(planName);
        if (oid == null) {
            return java.util.OptionalLong.empty();
        }
        try (PreparedStatement ps = c.prepareStatement(dialect.sql("hypopg_relation_size"))) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.OptionalLong.of(rs.getLong(1)) : java.util.OptionalLong.empty();
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
