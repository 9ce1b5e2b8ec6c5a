package dev.idxmig.lint;

import dev.idxmig.script.ParsedStatement;
import dev.idxmig.script.IndexDefinition;
import dev.idxmig.base.Severity;

import java.util.Optional;

/**
 * {@code boolean-column-index}: an index on one boolean column splits the table in two halves; the planner
 * reads the table instead for the common value, and a partial index serves the rare one better.
 */
final class BooleanColumnIndex extends LintRule.PerStatement {
    @Override
    public String id() {
        return "boolean-column-index";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String reason() {
        return "a single-column index on a boolean column is rarely used; a partial index serves the rare value";
    }

    @Override
    Optional<Violation> check(LintScript script, ParsedStatement s, LintContext context) {
        if (s.index().isEmpty()) {
            return Optional.empty();
        }
        IndexDefinition index = s.index().get();
        if (index.columns().size() != 1 || index.predicate().isPresent()) {
            return Optional.empty();
        }
        Optional<String> column = IndexDefinition.plainColumn(index.columns().get(0));
        boolean isBoolean = column.flatMap(c -> context.columnType(index.table(), c))
                .map(type -> type.equals("boolean") || type.equals("bool")).orElse(false);
        if (!isBoolean) {
            return Optional.empty();
        }
        return found(script, s, index.table() + "." + column.get() + " is boolean: an index on it alone is rarely "
                        + "chosen by the planner",
                "index the rows you look for instead, e.g. ON " + index.table() + " (<lookup columns>) WHERE "
                        + column.get());
    }
}
