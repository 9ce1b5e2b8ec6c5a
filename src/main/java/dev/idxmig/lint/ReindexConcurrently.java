package dev.idxmig.lint;

import dev.idxmig.script.StatementKind;
import dev.idxmig.script.ParsedStatement;
import dev.idxmig.base.Severity;

import java.util.Optional;

/**
 * {@code reindex-concurrently}: when {@code REINDEX ... CONCURRENTLY} fails it leaves the new copies behind as
 * INVALID indexes named {@code <index>_ccnew}, which are still maintained on every write.
 */
final class ReindexConcurrently extends LintRule.PerStatement {
    @Override
    public String id() {
        return "reindex-concurrently";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String reason() {
        return "a failed REINDEX CONCURRENTLY leaves INVALID _ccnew copies that slow every write";
    }

    @Override
    Optional<Violation> check(LintScript script, ParsedStatement s, LintContext context) {
        if (s.kind() != StatementKind.REINDEX || !s.concurrently()) {
            return Optional.empty();
        }
        return found(script, s, "if REINDEX CONCURRENTLY fails, it leaves INVALID *_ccnew indexes behind",
                "after a failure run idxmig verify, and DROP INDEX CONCURRENTLY the *_ccnew indexes it reports");
    }
}
