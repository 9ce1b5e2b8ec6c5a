package dev.idxmig.lint;

import dev.idxmig.base.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code flyway-header-comment}: script settings in a {@code -- flyway:executeInTransaction=false} header are a
 * Flyway Teams feature; the free edition idxmig runs reads them as plain comments (flyway-core has no parser for
 * them), so the script still runs in a transaction.
 */
final class FlywayHeaderComment implements LintRule {
    @Override
    public String id() {
        return "flyway-header-comment";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String reason() {
        return "a '-- flyway:' header comment has no effect in Flyway's free edition; use a sidecar .conf file";
    }

    @Override
    public List<Violation> check(LintContext context) {
        List<Violation> found = new ArrayList<>();
        for (LintScript script : context.targets()) {
            for (int line : script.flywayHeaderLines()) {
                found.add(new Violation(script, line, 1, Optional.empty(), severity(),
                        "Flyway's free edition ignores '-- flyway:' header settings",
                        "put the setting in " + script.sidecarName() + " (e.g. executeInTransaction=false)"));
            }
        }
        return found;
    }
}
