package dev.idxmig.lint;

import dev.idxmig.report.Severity;

import java.util.Optional;

/** What a rule found at one place of one script, before ignore comments and config are applied. */
record Violation(LintScript script, int line, int column, Optional<LintStatement> statement, Severity severity,
                 String message, String fix) {

    static Violation at(LintScript script, LintStatement statement, Severity severity, String message, String fix) {
        return new Violation(script, statement.line(), statement.column(), Optional.of(statement), severity, message,
                fix);
    }
}
