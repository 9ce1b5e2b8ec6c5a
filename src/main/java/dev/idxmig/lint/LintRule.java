package dev.idxmig.lint;

import dev.idxmig.script.ParsedStatement;
import dev.idxmig.base.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One lint rule: an id people write in {@code -- idxmig:ignore} and in the config, the usual severity of what it
 * finds, and a one-line reason (the rule's documentation).
 */
interface LintRule {

    String id();

    Severity severity();

    /** Why the rule exists, in one line. */
    String reason();

    /** Rules that look at the live database run only when lint connects. */
    default boolean needsConnection() {
        return false;
    }

    List<Violation> check(LintContext context);

    /** A rule that looks at one statement at a time, in every script being linted. */
    abstract class PerStatement implements LintRule {
        @Override
        public List<Violation> check(LintContext context) {
            List<Violation> found = new ArrayList<>();
            for (LintScript script : context.targets()) {
                for (ParsedStatement statement : script.statements()) {
                    check(script, statement, context).ifPresent(found::add);
                }
            }
            return found;
        }

        abstract Optional<Violation> check(LintScript script, ParsedStatement statement, LintContext context);

        Optional<Violation> found(LintScript script, ParsedStatement statement, String message, String fix) {
            return Optional.of(Violation.at(script, statement, severity(), message, fix));
        }
    }
}
