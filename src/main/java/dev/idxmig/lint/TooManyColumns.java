package dev.idxmig.lint;

import dev.idxmig.script.ParsedStatement;
import dev.idxmig.script.IndexDefinition;
import dev.idxmig.base.Severity;

import java.util.Optional;

/**
 * {@code too-many-columns}: a non-unique index with more than three key columns is large and slow to maintain,
 * and queries seldom filter on all of them; the last columns usually belong in {@code INCLUDE} or nowhere.
 */
final class TooManyColumns extends LintRule.PerStatement {
    static final int MAX_COLUMNS = 3;

    @Override
    public String id() {
        return "too-many-columns";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String reason() {
        return "a non-unique index with more than " + MAX_COLUMNS + " key columns costs writes and disk for little gain";
    }

    @Override
    Optional<Violation> check(LintScript script, ParsedStatement s, LintContext context) {
        if (s.index().isEmpty() || s.index().get().unique() || s.index().get().columns().size() <= MAX_COLUMNS) {
            return Optional.empty();
        }
        IndexDefinition index = s.index().get();
        return found(script, s, index.name() + " has " + index.columns().size() + " key columns ("
                        + String.join(", ", index.columns()) + ")",
                "keep the columns queries filter and sort on (at most " + MAX_COLUMNS + "); move columns only read "
                        + "into INCLUDE where the database has it");
    }
}
