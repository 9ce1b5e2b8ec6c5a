package dev.idxmig.lint;

import dev.idxmig.base.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code duplicate-index-name}: an index name created while an index of that name still exists. Without
 * {@code IF NOT EXISTS} the migration fails; with it, the new definition is silently never built.
 */
final class DuplicateIndexName implements LintRule {
    @Override
    public String id() {
        return "duplicate-index-name";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String reason() {
        return "an index name created twice: the second CREATE fails, or with IF NOT EXISTS silently does nothing";
    }

    @Override
    public List<Violation> check(LintContext context) {
        List<Violation> found = new ArrayList<>();
        IndexTimeline.replay(context, (c, ctx) -> {
            if (!ctx.isTarget(c.script())) {
                return;
            }
            IndexTimeline.sameName(c).ifPresent(existing -> found.add(Violation.at(c.script(), c.statement(),
                    severity(), "index " + c.index().name() + " already exists (created in " + existing.origin()
                            + ")" + (c.index().ifNotExists() ? ": IF NOT EXISTS makes this statement do nothing"
                            : ": this CREATE INDEX fails"),
                    "give the new index its own name, or drop the old one first")));
        });
        return found;
    }
}
