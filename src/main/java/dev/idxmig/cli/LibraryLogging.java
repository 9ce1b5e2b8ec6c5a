package dev.idxmig.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The libraries' own logging (HikariCP through SLF4J, the PostgreSQL driver through java.util.logging) reaches the
 * terminal only with {@code --verbose}: their warnings (a connection "marked as broken" after a failed statement,
 * with a Java stack trace) say nothing idxmig's own message does not say better. Without it a broken target printed HikariCP's
 * {@code [ERROR] com.zaxxer.hikari.pool.PoolBase - idxmig - Failed to execute isValid()...} before idxmig's own
 * message, which says the same with a hint. The SLF4J level is read when the first logger is made, which is after
 * the command line is parsed (HikariCP's classes load when a database is opened), so the flag is in time.
 */
final class LibraryLogging {
    /** Held: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private static final Logger POSTGRES_DRIVER = Logger.getLogger("org.postgresql");

    private LibraryLogging() {
    }

    /** The default: libraries say nothing; stdout stays data only, stderr idxmig's own lines. */
    static void quiet() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "true");
        POSTGRES_DRIVER.setLevel(Level.OFF);
    }

    /** {@code --verbose}: the libraries' warnings and errors too, on stderr. */
    static void verbose() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        POSTGRES_DRIVER.setLevel(Level.WARNING);
    }
}
