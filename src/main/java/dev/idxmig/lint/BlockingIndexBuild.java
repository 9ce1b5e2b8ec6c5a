package dev.idxmig.lint;

import dev.idxmig.base.Severity;
import dev.idxmig.script.ParsedStatement;
import dev.idxmig.script.StatementKind;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code blocking-index-build}: an index statement that blocks the table's writes even when it runs online
 * (MariaDB: FULLTEXT and SPATIAL builds take a shared lock; a primary key change rebuilds the table). The dialect
 * says which ({@code Dialect.blockingStatement}).
 */
final class BlockingIndexBuild extends LintRule.PerStatement {
    @Override
    public String id() {
        return "blocking-index-build";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String reason() {
        return "some index builds block writes even online: MariaDB's FULLTEXT and SPATIAL builds, primary key changes";
    }

    @Override
    Optional<Violation> check(LintScript script, ParsedStatement s, LintContext context) {
        return LintService.dialectNamed(context.target()).blockingStatement(s.source().sql(),
                madeEarlierInTheScript(script, s)).flatMap(why ->
                found(script, s, why, "run it when the table's writers can wait, or build the index on a copy of "
                        + "the table and swap it in"));
    }

    /** The tables the script made before this statement: nobody writes to them yet. */
    private static Set<String> madeEarlierInTheScript(LintScript script, ParsedStatement s) {
        Set<String> tables = new HashSet<>();
        for (ParsedStatement earlier : script.statements()) {
            if (earlier == s) {
                break;
            }
            if (earlier.kind() == StatementKind.CREATE_TABLE) {
                earlier.table().ifPresent(tables::add);
            }
        }
        return tables;
    }
}
