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

    public static Optional<SQLException> firstSqlException(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException) {
                return Optional.of((SQLException) c);
            }
        }
        return Optional.empty();
    }
}
