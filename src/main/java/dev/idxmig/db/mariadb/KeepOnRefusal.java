package dev.idxmig.db.mariadb;

import com.zaxxer.hikari.SQLExceptionOverride;

import java.sql.SQLException;

/**
 * Keeps a connection in the pool when the server refused a statement it cannot run as asked
 * ({@code ER_ALTER_OPERATION_NOT_SUPPORTED[_REASON]}, SQLSTATE 0A000): HikariCP takes SQLSTATE 0A000 for a dead
 * connection and closes it, and Flyway then failed on the closed connection ("Unable to restore connection to its
 * original state") instead of reporting the server's words. Nothing is wrong with the connection. Made by HikariCP
 * from its class name, hence public.
 */
public final class KeepOnRefusal implements SQLExceptionOverride {
    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException e) {
        return MariaDbStatementGuard.NOT_ONLINE.contains(e.getErrorCode()) ? SQLExceptionOverride.Override.DO_NOT_EVICT
                : SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
}
