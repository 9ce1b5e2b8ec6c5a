package dev.idxmig.lint;

import dev.idxmig.report.Severity;

import java.util.Optional;

/**
 * {@code require-if-exists}: a script that runs outside a transaction and fails half-way leaves its first
 * statements applied; after {@code repair} the re-run trips over the index it already built (or already
 * dropped). In a transactional script a failure leaves nothing behind, so the finding is only informational
 * there. {@code CREATE INDEX CONCURRENTLY} is left to {@link ConcurrentlyIfNotExists}: there the guard hides a
 * failed build.
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
        return "CREATE INDEX without IF NOT EXISTS and DROP INDEX without IF EXISTS fail when re-run";
    }

    @Override
    Optional<Violation> check(LintScript script, LintStatement s, LintContext context) {
        boolean create = s.kind() == StatementKind.CREATE_INDEX && !s.concurrently();
        boolean drop = s.kind() == StatementKind.DROP_INDEX;
        if ((!create && !drop) || s.ifExists()) {
            return Optional.empty();
        }
        Severity severity = script.runsOutsideTransaction() ? Severity.WARNING : Severity.INFO;
        String what = create ? "CREATE INDEX without IF NOT EXISTS" : "DROP INDEX without IF EXISTS";
        String why = script.runsOutsideTransaction()
                ? ": this script runs outside a transaction, so a re-run after a failure stops here"
                : " is not re-runnable (harmless while the script runs in one transaction)";
        return Optional.of(Violation.at(script, s, severity, what + why,
                create ? "write CREATE INDEX IF NOT EXISTS" : "write DROP INDEX IF EXISTS"));
    }
}
