package dev.idxmig.safebuild;

import dev.idxmig.base.Problem;

import dev.idxmig.base.IdxmigException;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Carries idxmig's own verdict on an index statement (lock not acquired, invalid index kept) through Flyway, which
 * only passes SQL exceptions on; {@code migrate.MigrateService} finds it in the cause chain and reports it as it is.
 */
public final class SafeBuildFailure extends SQLException {
    private static final long serialVersionUID = 1L;

    SafeBuildFailure(IdxmigException verdict) {
        super(verdict.getMessage(), "IDXMG", verdict);
    }

    IdxmigException verdict() {
        return (IdxmigException) getCause();
    }

    /** The problem to report when Flyway failed because of idxmig's verdict on an index statement. */
    public static Optional<Problem> problem(Throwable flywayFailure) {
        return find(flywayFailure).map(v -> new Problem(v.failure(), FailedScript.of(flywayFailure)
                .map(f -> f.fileName() + ": ").orElse("") + v.getMessage(), v.hint()));
    }

    static Optional<IdxmigException> find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SafeBuildFailure) {
                return Optional.of(((SafeBuildFailure) c).verdict());
            }
        }
        return Optional.empty();
    }
}
