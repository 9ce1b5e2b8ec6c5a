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
    /**
     * Flyway's loggers are process-wide and mostly held in static fields, created once by whichever command ran
     * first. So a logger does not keep a destination: each line goes, when it is written, to the diagnostics of
     * the thread writing it. Flyway runs a migration on the calling thread, so in a fleet run each worker's lines
     * carry its own target's prefix (FleetConcurrencyPostgresCliTest). A thread that never installed any (one
     * Flyway might start itself) falls back to the last installed.
     */
    private static final ThreadLocal<Diagnostics> ON_THIS_THREAD = new ThreadLocal<>();
    private static volatile Diagnostics fallback = Diagnostics.silent();

    private FlywayLog() {
    }

    /**
     * Routes the calling thread's Flyway logging to {@code diagnostics}. Flyway re-creates its loggers from the
     * configuration's {@code loggers} setting on every load, so {@link FlywaySetup} names {@link Creator} there
     * as well.
     */
    static void install(Diagnostics diagnostics) {
        ON_THIS_THREAD.set(diagnostics);
        fallback = diagnostics;
        LogFactory.setLogCreator(new Creator());
    }

    private static Diagnostics diagnostics() {
        Diagnostics mine = ON_THIS_THREAD.get();
        return mine != null ? mine : fallback;
    }

    /** Instantiated by Flyway by class name (the {@code loggers} setting): needs to be public with no arguments. */
    public static final class Creator implements LogCreator {
        @Override
        public Log createLogger(Class<?> type) {
            return new FlywayLog();
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
        diagnostics().detail("flyway: " + message);
    }

    @Override
    public void warn(String message) {
        if (message.startsWith("DB: ")) {
            // server notices such as "relation already exists, skipping"
            diagnostics().detail("flyway: " + message);
        } else {
            diagnostics().warn("flyway: " + message);
        }
    }

    @Override
    public void error(String message) {
        diagnostics().detail("flyway: " + message);
    }

    @Override
    public void error(String message, Exception e) {
        diagnostics().detail("flyway: " + message);
    }

    @Override
    public void notice(String message) {
        diagnostics().detail("flyway: " + message);
    }
}
