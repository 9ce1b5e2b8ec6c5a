package dev.idxmig.db.postgres;

import com.zaxxer.hikari.SQLExceptionOverride;

import java.sql.SQLException;

/**
 * Errors after which PostgreSQL's session is still usable, though HikariCP's list of fatal SQLSTATEs has them:
 * {@code 0A000} (feature_not_supported), raised for a statement PostgreSQL refuses. The pool keeps the connection.
 */
final class StatementLevelErrors implements SQLExceptionOverride {
    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return "0A000".equals(e.getSQLState()) ? Override.DO_NOT_EVICT : Override.CONTINUE_EVICT;
    }
}
