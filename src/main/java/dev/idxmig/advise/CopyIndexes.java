package dev.idxmig.advise;

import dev.idxmig.db.HypotheticalIndexes;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Candidate indexes made for real in a throwaway copy of the target's schema and planner statistics (SQLite, which
 * has no hypothetical indexes): the copy has no rows, so each index is made at once, and the copy plans as the
 * target would. The target itself is only read.
 */
final class CopyIndexes implements HypotheticalIndexes {
    private static final Pattern NAME = Pattern.compile("(?i)^\\s*CREATE\\s+INDEX\\s+(\\S+)\\s+ON\\b");
    private final String description;
    private final Set<String> made = new LinkedHashSet<>();

    CopyIndexes(String description) {
        this.description = description;
    }

    @Override
    public void require(Connection c, String schema) {
    }

    @Override
    public String create(Connection c, String createIndex) throws SQLException {
        Matcher m = NAME.matcher(createIndex);
        if (!m.find()) {
            throw new SQLException("not a plain CREATE INDEX: " + createIndex);
        }
        try (Statement st = c.createStatement()) {
            st.execute(createIndex);
        }
        made.add(m.group(1));
        return m.group(1);
    }

    @Override
    public void drop(Connection c, String planName) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP INDEX IF EXISTS \"" + planName.replace("\"", "\"\"") + "\"");
        }
        made.remove(planName);
    }

    @Override
    public boolean canHide(Connection c) {
        return false;
    }

    @Override
    public boolean hide(Connection c, String schema, String index) {
        return false;
    }

    @Override
    public void reset(Connection c) throws SQLException {
        for (String name : Set.copyOf(made)) {
            drop(c, name);
        }
    }

    @Override
    public String describe(Connection c) {
        return description;
    }
}
