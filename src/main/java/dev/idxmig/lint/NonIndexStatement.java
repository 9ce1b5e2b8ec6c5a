package dev.idxmig.lint;

import dev.idxmig.script.ParsedStatement;
import dev.idxmig.base.Severity;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code non-index-statement}: idxmig's rollback inverts a migration's index changes from the ledger; table,
 * column and data changes in the same script it cannot undo, so rolling it back needs an undo script
 * {@code U<version>__*.sql}. Scripts without index statements (table and data migrations) are not index
 * migrations and are left alone.
 */
final class NonIndexStatement implements LintRule {
    @Override
    public String id() {
        return "non-index-statement";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String reason() {
        return "table or data changes in an index migration: rollback needs an undo script for them";
    }

    @Override
    public List<Violation> check(LintContext context) {
        List<Violation> found = new ArrayList<>();
        for (LintScript script : context.targets()) {
            if (!script.touchesIndexes() || script.hasUndo()) {
                continue;
            }
            for (ParsedStatement s : script.statements()) {
                if (!s.kind().indexOnly() && !LintService.dialectNamed(context.target())
                        .changesOnlyIndexes(s.source().sql())) {
                    String undo = script.version().map(v -> "U" + v + "__<description>.sql")
                            .orElse("an undo script U<version>__<description>.sql");
                    found.add(Violation.at(script, s, severity(), "'" + s.excerpt() + "' in an index migration: "
                                    + "rollback cannot undo it from the index ledger",
                            "move it to its own migration, or add " + undo + " that undoes it"));
                }
            }
        }
        return found;
    }
}
