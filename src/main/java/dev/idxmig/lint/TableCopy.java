package dev.idxmig.lint;

import dev.idxmig.base.Severity;
import dev.idxmig.script.ParsedStatement;

import java.util.Optional;

/**
 * {@code table-copy}: an index statement that forces a table copy or a blocking lock where the database would run
 * it online (MariaDB: {@code ALGORITHM=COPY}, {@code LOCK=SHARED|EXCLUSIVE}, or {@code DEFAULT}). migrate refuses
 * it unless {@code --allow-table-copy}; the dialect says which statements ({@code Dialect.refusedStatement}).
 */
final class TableCopy extends LintRule.PerStatement {
    @Override
    public String id() {
        return "table-copy";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String reason() {
        return "an index statement that forces ALGORITHM=COPY or a blocking LOCK stops the table's writes while it runs";
    }

    @Override
    Optional<Violation> check(LintScript script, ParsedStatement s, LintContext context) {
        return LintService.dialectNamed(context.target()).refusedStatement(s.source().sql()).flatMap(why ->
                found(script, s, why + "; migrate refuses it unless --allow-table-copy",
                        "leave ALGORITHM and LOCK out (idxmig adds ALGORITHM=INPLACE, LOCK=NONE), or run it in a "
                                + "maintenance window with migrate --allow-table-copy"));
    }
}
