package dev.idxmig.db;

import com.zaxxer.hikari.SQLExceptionOverride;

import java.sql.SQLException;

/**
 * Errors after which the session is still usable, though HikariCP's list of fatal SQLSTATEs has them:
 * {@code 0A000} (feature_not_supported), raised for a statement the server refuses (PostgreSQL: "DROP INDEX
 * CONCURRENTLY does not support dropping multiple objects"; MariaDB: "LOCK=NONE is not supported. Reason: Fulltext
 * index creation requires a lock"). The pool keeps the connection; evicted under Flyway, Flyway's "Unable to restore
 * connection to its original state" replaced the server's own words.
 */
public final class StatementLevelErrors implements SQLExceptionOverride {
    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return "0A000".equals(e.getSQLState()) ? Override.DO_NOT_EVICT : Override.CONTINUE_EVICT;
    }
}
