package dev.idxmig.safebuild;

import org.flywaydb.core.api.CoreErrorCode;
import org.flywaydb.core.api.ErrorCode;
import org.flywaydb.core.api.output.ErrorOutput;
import org.flywaydb.core.api.output.errors.ErrorOutputItem;
import org.flywaydb.core.api.output.errors.FlywayMigrateExceptionToErrorObjectConverter.FlywayMigrateErrorOutputItem;

import java.util.Optional;
import java.util.Set;

/**
 * Where Flyway says a migration script failed: the file and the line of the statement that failed. Read through
 * Flyway's public API only: {@code ErrorOutput.fromException} turns a failed migration into a
 * {@code FlywayMigrateErrorOutputItem} with its error code ({@code FAILED_VERSIONED_MIGRATION},
 * {@code FAILED_REPEATABLE_MIGRATION}), path and line, where the exception Flyway throws
 * ({@code internal.exception.FlywayMigrateException}, caused by {@code internal.sqlscript.FlywaySqlScriptException})
 * is internal and may change in any release. The database's own exception is the {@code SQLException} in the cause
 * chain; the statement's text is read from the script itself (Flyway's public API does not carry it).
 * <p>
 * It lives here, the lowest layer that runs under Flyway, so that {@link SafeBuildFailure} can name the file and
 * {@code migrate.MigrationFailures} the line; {@code FlywayFailuresContractTest} (SQLite) and
 * {@code FlywayFailuresPostgresContractTest} run the real Flyway so that an upgrade that changes this fails a test.
 */
public record FailedScript(String fileName, int line) {
    private static final Set<ErrorCode> SCRIPT_FAILED = Set.of(CoreErrorCode.FAILED_VERSIONED_MIGRATION,
            CoreErrorCode.FAILED_REPEATABLE_MIGRATION);

    /** The failed script of a Flyway failure, from the outermost exception in the chain that names one. */
    public static Optional<FailedScript> of(Throwable flywayFailure) {
        for (Throwable c = flywayFailure; c != null; c = c.getCause()) {
            if (c instanceof Exception e) {
                Optional<FailedScript> found = fromItem(ErrorOutput.fromException(e).error());
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<FailedScript> fromItem(ErrorOutputItem item) {
        if (item instanceof FlywayMigrateErrorOutputItem failed && SCRIPT_FAILED.contains(failed.errorCode())
                && failed.path() != null && failed.lineNumber() != null) {
            String path = failed.path();
            return Optional.of(new FailedScript(path.substring(Math.max(path.lastIndexOf('/'),
                    path.lastIndexOf('\\')) + 1), failed.lineNumber()));
        }
        return Optional.empty();
    }
}
