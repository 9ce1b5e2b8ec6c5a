package dev.idxmig.db;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Classifies SQL errors by SQLSTATE class, never by message text (messages change with versions and locales).
 */
public final class SqlFailures {
    /** PostgreSQL: {@code lock_not_available}, raised when {@code lock_timeout} expires. */
    public static final String LOCK_NOT_AVAILABLE = "55P03";
    /** PostgreSQL: {@code deadlock_detected}. */
    public static final String DEADLOCK = "40P01";
    /** PostgreSQL: {@code query_canceled}, raised when {@code statement_timeout} expires. */
    public static final String QUERY_CANCELED = "57014";

    private SqlFailures() {
    }

    /** The first SQLSTATE in the cause chain. */
    public static Optional<String> sqlState(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException && ((SQLException) c).getSQLState() != null) {
                return Optional.of(((SQLException) c).getSQLState());
            }
        }
        return Optional.empty();
    }

    /** Class 08 (connection exception), 28 (invalid authorization) and 3D000 (no such database). */
    public static boolean isConnectionFailure(Throwable t) {
        return sqlState(t).map(s -> s.startsWith("08") || s.startsWith("28") || s.equals("3D000")).orElse(false);
    }

    /**
     * The database refuses to be written: PostgreSQL's {@code read_only_sql_transaction} (25006: a standby, or
     * default_transaction_read_only), or SQLite's SQLITE_READONLY family (a read-only file or folder, a read-only
     * mode in the URL). SQLite errors carry no SQLSTATE; the driver puts the result code in the error code, and
     * the primary code is its low byte (8 for every SQLITE_READONLY_* variant).
     */
    public static boolean isReadOnly(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException) {
                SQLException e = (SQLException) c;
                if ("25006".equals(e.getSQLState()) || (e.getSQLState() == null && (e.getErrorCode() & 0xff) == 8)) {
                    return true;
                }
            }
        }
        return false;
    }

    public static Optional<SQLException> firstSqlException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException) {
                return Optional.of((SQLException) c);
            }
        }
        return Optional.empty();
    }
}
