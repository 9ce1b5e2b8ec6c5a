package dev.idxmig.lint;

import dev.idxmig.script.ParsedStatement;
import dev.idxmig.base.Severity;

import java.util.Optional;

/** What a rule found at one place of one script, before ignore comments and config are applied. */
record Violation(LintScript script, int line, int column, Optional<ParsedStatement> statement, Severity severity,
                 String message, String fix) {

    static Violation at(LintScript script, ParsedStatement statement, Severity severity, String message, String fix) {
        return new Violation(script, statement.line(), statement.column(), Optional.of(statement), severity, message,
                fix);
    }
}
