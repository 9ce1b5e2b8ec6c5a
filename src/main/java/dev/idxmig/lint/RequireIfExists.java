package dev.idxmig.lint;

import dev.idxmig.script.StatementKind;
import dev.idxmig.script.ParsedStatement;
import dev.idxmig.base.Severity;

import java.util.Optional;

/**
 * {@code require-if-exists}: a script that runs outside a transaction and fails half-way leaves its first
 * statements applied; after {@code repair} the re-run trips over the index it already built (or already
 * dropped). In a transactional script a failure rolls everything back, so the rule stays silent there rather
 * than flag every ordinary migration. {@code CREATE INDEX CONCURRENTLY} is left to
 * {@link ConcurrentlyIfNotExists}: there the guard hides a failed build.
 */
final class RequireIfExists extends LintRule.PerStatement {
    @Override
    public String id() {
        return "require-if-exists";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String reason() {
        return "CREATE INDEX without IF NOT EXISTS or DROP INDEX without IF EXISTS in a script that runs outside a "
                + "transaction fails when another tool re-runs it after a failure";
    }

    @Override
    Optional<Violation> check(LintScript script, ParsedStatement s, LintContext context) {
        boolean create = s.kind() == StatementKind.CREATE_INDEX && !s.concurrently();
        boolean drop = s.kind() == StatementKind.DROP_INDEX;
        if ((!create && !drop) || s.guarded() || !script.runsOutsideTransaction()) {
            return Optional.empty();
        }
        String what = create ? "CREATE INDEX without IF NOT EXISTS" : "DROP INDEX without IF EXISTS";
        return found(script, s, what + ": this script runs outside a transaction, so after a failure a re-run by "
                        + "Flyway or psql stops here (idxmig migrate resumes past it)",
                create ? "write CREATE INDEX IF NOT EXISTS" : "write DROP INDEX IF EXISTS");
    }
}
