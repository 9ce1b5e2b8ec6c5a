package dev.idxmig.db.mariadb;

import dev.idxmig.db.SqlResource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who kept a statement from a table's metadata lock, for the message of a lock wait past the timeout: named exactly
 * by performance_schema where it is on with the metadata-lock instrument ({@code build_lock_holders.sql}), else
 * the sessions with an open transaction, the usual holders ({@code build_open_transactions.sql}); the message says
 * which source named them.
 */
final class LockHolders {
    private static final String MDL_INSTRUMENT = "metadata-lock instrument (wait/lock/metadata/sql/mdl)";

    private LockHolders() {
    }

    /** The holders of {@code table}'s metadata lock (in the session's database), or the usual suspects. */
    static String describe(Connection c, Optional<String> table) {
        PerformanceSchema ps = PerformanceSchema.of(c);
        Optional<String> whyNot = ps.whyNot(ps.metadataLocks(), MDL_INSTRUMENT);
        if (whyNot.isEmpty() && table.isPresent()) {
            try {
                List<String> holders = holders(c, table.get());
                if (!holders.isEmpty()) {
                    return "performance_schema names the sessions holding the metadata lock on " + table.get() + ": "
                            + String.join("; ", holders);
                }
                whyNot = Optional.of("performance_schema shows no session holding the metadata lock on "
                        + table.get() + " now (the holder may have ended)");
            } catch (SQLException e) {
                whyNot = Optional.of("performance_schema.metadata_locks cannot be read (" + e.getMessage() + ")");
            }
        } else if (whyNot.isEmpty()) {
            whyNot = Optional.of("the statement names no table to look up in performance_schema");
        }
        return whyNot.get() + ": " + openTransactions(c);
    }

    private static List<String> holders(Connection c, String table) throws SQLException {
        List<String> holders = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SqlResource.load("mariadb", "build_lock_holders"))) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String current = rs.getString("current_statement");
                    String last = rs.getString("last_statement");
                    String doing = current != null ? "running: " + oneLine(current)
                            : last != null ? "idle, last statement: " + oneLine(last) : "idle";
                    holders.add(String.format("session %d (user %s from %s, %s for %ds, holds %s %s), %s",
                            rs.getLong("session_id"), rs.getString("user_name"), rs.getString("host"),
                            rs.getString("command"), rs.getLong("seconds"), rs.getString("lock_type"),
                            until(rs.getString("lock_duration")), doing));
                }
            }
        }
        return holders;
    }

    /** How long a metadata lock of this duration is held, for people. */
    static String until(String duration) {
        switch (String.valueOf(duration)) {
            case "TRANSACTION":
                return "until its transaction ends";
            case "STATEMENT":
                return "until its statement ends";
            case "EXPLICIT":
                return "until it releases it (LOCK TABLES, FLUSH TABLES ... WITH READ LOCK)";
            default:
                return "(" + duration + ")";
        }
    }

    /** The sessions with an open InnoDB transaction: a metadata lock lasts as long as the transaction that took it. */
    static String openTransactions(Connection c) {
        List<String> sessions = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SqlResource.load("mariadb", "build_open_transactions"));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                sessions.add(String.format("session %d (user %s from %s, %s for %ds, transaction open since %s): %s",
                        rs.getLong("session_id"), rs.getString("user_name"), rs.getString("host"),
                        rs.getString("command"), rs.getLong("seconds"), rs.getString("transaction_started"),
                        Optional.ofNullable(rs.getString("current_statement")).map(LockHolders::oneLine)
                                .orElse("idle in transaction")));
            }
        } catch (SQLException e) {
            return "the sessions holding it cannot be read (" + e.getMessage() + ")";
        }
        return sessions.isEmpty() ? "no session with an open transaction was found (the holder may have ended, or "
                + "holds a LOCK TABLES or a FLUSH)" : "sessions with open transactions, the usual holders: "
                + String.join("; ", sessions);
    }

    private static String oneLine(String sql) {
        String line = sql.strip().replaceAll("\\s+", " ");
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }
}
