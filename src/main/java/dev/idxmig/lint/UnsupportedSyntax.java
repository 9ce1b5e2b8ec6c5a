package dev.idxmig.lint;

import dev.idxmig.script.Token;
import dev.idxmig.script.ParsedStatement;
import dev.idxmig.base.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code unsupported-syntax}: PostgreSQL index syntax ({@code CONCURRENTLY}, {@code USING gin}, {@code INCLUDE})
 * in a migration that will run on a database without it (SQLite) fails there with a syntax error. Usually a
 * PostgreSQL script sits in a folder both databases read; {@code {vendor}} folders keep them apart.
 */
final class UnsupportedSyntax extends LintRule.PerStatement {
    @Override
    public String id() {
        return "unsupported-syntax";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String reason() {
        return "PostgreSQL-only index syntax (CONCURRENTLY, USING, INCLUDE) in a migration that runs on SQLite";
    }

    @Override
    Optional<Violation> check(LintScript script, ParsedStatement s, LintContext context) {
        if (!s.kind().touchesIndexes()) {
            return Optional.empty();
        }
        List<String> unsupported = new ArrayList<>();
        if (s.concurrently() && !context.syntax().concurrently()) {
            unsupported.add("CONCURRENTLY");
        }
        if (s.index().isPresent() && !context.syntax().usingMethod() && usesMethod(s)) {
            unsupported.add("USING " + s.index().get().method());
        }
        if (s.index().isPresent() && !context.syntax().include() && !s.index().get().include().isEmpty()) {
            unsupported.add("INCLUDE");
        }
        if (unsupported.isEmpty()) {
            return Optional.empty();
        }
        return found(script, s, context.target() + " does not understand " + String.join(", ", unsupported)
                        + ": this migration will fail there",
                "keep database-specific scripts in migrations/{vendor}/ (one per database), "
                        + "or write the portable form");
    }

    /** {@code USING} before the column list (after it, it is a predicate's word, not a method). */
    private static boolean usesMethod(ParsedStatement s) {
        for (Token t : s.tokens()) {
            if (t.isSymbol('(')) {
                return false;
            }
            if (t.is("using")) {
                return true;
            }
        }
        return false;
    }
}
