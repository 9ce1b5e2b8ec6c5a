package dev.idxmig.lint;

import dev.idxmig.base.Severity;
import dev.idxmig.script.ParsedStatement;
import dev.idxmig.script.SyntaxError;

import java.util.Optional;

/**
 * {@code syntax}: a statement that does not parse (an unclosed parenthesis or string, {@code CREAT INDEX}, keywords
 * in an order PostgreSQL rejects such as {@code CREATE INDEX IF NOT EXISTS CONCURRENTLY}) fails the migration when
 * it runs; lint says so before, at the token where the reading stopped, instead of passing it as OK.
 */
final class Syntax extends LintRule.PerStatement {
    @Override
    public String id() {
        return "syntax";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String reason() {
        return "SQL that does not parse (unclosed parenthesis or string, unknown statement, keywords out of order)";
    }

    @Override
    Optional<Violation> check(LintScript script, ParsedStatement s, LintContext context) {
        if (s.syntaxError().isEmpty()) {
            return Optional.empty();
        }
        SyntaxError e = s.syntaxError().get();
        return Optional.of(new Violation(script, e.line(), e.column(), Optional.of(s), severity(),
                e.message() + ": the migration fails here when it runs",
                "fix the statement; idxmig migrate --dry-run --shadow lets the database itself parse it"));
    }
}
