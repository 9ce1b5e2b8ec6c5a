package dev.idxmig.audit;

import dev.idxmig.audit.Evidence.StatisticsSource;
import dev.idxmig.audit.NodeStatistics.IndexUsage;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.db.Dialect;
import dev.idxmig.db.QuerySource;
import dev.idxmig.db.SqlResource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a server's index usage statistics ({@code audit_index_usage}, {@code audit_statistics_window}) where its
 * dialect ships those queries; a database without them (SQLite) keeps no usage statistics at all.
 */
final class UsageReader {
    static final String USAGE = "audit_index_usage";
    static final String WINDOW = "audit_statistics_window";
    static final String SYSTEM = "audit_system_identifier";

    private UsageReader() {
    }

    static boolean available(Dialect dialect) {
        return SqlResource.exists(dialect.id(), USAGE) && SqlResource.exists(dialect.id(), WINDOW);
    }

    /** Why usage cannot be known, in the dialect's words. */
    static String unavailable(Dialect dialect) {
        return dialect.unsupportedQueries().getOrDefault(USAGE, dialect.displayName() + " keeps no index usage "
                + "statistics");
    }

    /**
     * Stops audit with a usage error (exit 2) where the server keeps usage statistics only when set up to (MariaDB)
     * and is not: why, and how to turn them on.
     */
    static void requireSource(Connection c, Dialect dialect) throws SQLException {
        QuerySource source = dialect.querySource(c, USAGE);
        if (source.resource().isEmpty()) {
            throw IdxmigException.usage("audit needs " + source.what() + ": " + source.why(), source.hint());
        }
    }

    /** The server's statistics window and the usage of the schema's indexes, read on one connection. */
    static NodeStatistics read(Connection c, Dialect dialect, String schema, String node) throws SQLException {
        Window window = window(c, dialect);
        Map<String, IndexUsage> indexes = new LinkedHashMap<>();
        String usage = dialect.querySource(c, USAGE).resource().orElse(USAGE);
        try (PreparedStatement ps = c.prepareStatement(dialect.sql(usage))) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    IndexUsage u = new IndexUsage(rs.getString("index_name"), rs.getString("table_name"),
                            rs.getLong("scans"), instant(rs.getString("last_scan")), rs.getLong("size_bytes"),
                            rs.getBoolean("enforces_constraint"), rs.getLong("table_writes"));
                    indexes.put(u.index(), u);
                }
            }
        }
        Optional<Instant> reset = window.statsReset();
        return new NodeStatistics(node, reset.orElse(window.serverStart()), reset.isPresent()
                ? StatisticsSource.STATISTICS_RESET : StatisticsSource.SERVER_START, window.now(), indexes);
    }

    /** Since when the server counts, its clock, and whether it is a standby. */
    record Window(Optional<Instant> statsReset, Instant serverStart, Instant now, boolean inRecovery) {
    }

    static Window window(Connection c, Dialect dialect) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(dialect.sql(WINDOW))) {
            if (!rs.next()) {
                throw new SQLException("no statistics row for the current database");
            }
            return new Window(instant(rs.getString("stats_reset")), Instant.parse(rs.getString("server_start")),
                    Instant.parse(rs.getString("now")), rs.getBoolean("in_recovery"));
        }
    }

    /** The database system's identifier, which a streaming standby shares with its primary. */
    static String systemIdentifier(Connection c, Dialect dialect) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(dialect.sql(SYSTEM))) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    private static Optional<Instant> instant(String text) {
        return Optional.ofNullable(text).map(Instant::parse);
    }
}
