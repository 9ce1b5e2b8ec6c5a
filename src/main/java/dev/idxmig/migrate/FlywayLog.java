package dev.idxmig.migrate;

import dev.idxmig.base.Diagnostics;
import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.flywaydb.core.api.logging.LogFactory;

/**
 * Routes Flyway's own logging through idxmig's diagnostics, so it lands on stderr, obeys --quiet and --verbose,
 * and is masked like everything else idxmig prints. Flyway's info lines are chatty, so they are details.
 */
final class FlywayLog implements Log {
    /** Flyway's logging is process-wide, so the diagnostics it writes to are too: the current command's. */
    private static volatile Diagnostics current = Diagnostics.silent();

    private final Diagnostics diagnostics;

    private FlywayLog(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * Routes Flyway's logging to {@code diagnostics}. Flyway re-creates its loggers from the configuration's
     * {@code loggers} setting on every load, so {@link FlywaySetup} names {@link Creator} there as well.
     */
    static void install(Diagnostics diagnostics) {
        current = diagnostics;
        LogFactory.setLogCreator(new Creator());
    }

    /** Instantiated by Flyway by class name (the {@code loggers} setting): needs to be public with no arguments. */
    public static final class Creator implements LogCreator {
        @Override
        public Log createLogger(Class<?> type) {
            return new FlywayLog(current);
        }
    }

    @Override
    public boolean isDebugEnabled() {
        return false;
    }

    @Override
    public void debug(String message) {
    }

    @Override
    public void info(String message) {
        diagnostics.detail("flyway: " + message);
    }

    @Override
    public void warn(String message) {
        if (message.startsWith("DB: ")) {
            // server notices such as "relation already exists, skipping"
            diagnostics.detail("flyway: " + message);
        } else {
            diagnostics.warn("flyway: " + message);
        }
    }

    @Override
    public void error(String message) {
        diagnostics.detail("flyway: " + message);
    }

    @Override
    public void error(String message, Exception e) {
        diagnostics.detail("flyway: " + message);
    }

    @Override
    public void notice(String message) {
        diagnostics.detail("flyway: " + message);
    }
}
