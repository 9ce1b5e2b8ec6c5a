package dev.idxmig.migrate;

import dev.idxmig.report.Diagnostics;
import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogFactory;

/**
 * Routes Flyway's own logging through idxmig's diagnostics, so it lands on stderr, obeys --quiet and --verbose,
 * and is masked like everything else idxmig prints. Flyway's info lines are chatty, so they are details.
 */
final class FlywayLog implements Log {
    private final Diagnostics diagnostics;

    private FlywayLog(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    static void install(Diagnostics diagnostics) {
        FlywayLog log = new FlywayLog(diagnostics);
        LogFactory.setLogCreator(type -> log);
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
