package dev.idxmig.lint;

import dev.idxmig.base.Severity;

import java.util.Optional;

/**
 * One lint finding: where (file relative to the working directory, 1-based line and column), which rule, how
 * bad, why, and the fix.
 */
public record LintFinding(String file, int line, int column, String rule, Severity severity, String message,
                          Optional<String> fix) {

    /** {@code migrations/postgresql/V5__x.sql:3:1}, the form editors and terminals turn into links. */
    public String location() {
        return file + ":" + line + ":" + column;
    }
}
