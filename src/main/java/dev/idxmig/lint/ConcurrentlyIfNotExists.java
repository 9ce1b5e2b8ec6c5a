package dev.idxmig.lint;

import dev.idxmig.script.StatementKind;
import dev.idxmig.script.ParsedStatement;
import dev.idxmig.script.IndexDefinition;
import dev.idxmig.base.Severity;

import java.util.Optional;

/**
 * {@code concurrently-if-not-exists}: a failed {@code CREATE INDEX CONCURRENTLY} leaves an INVALID index behind;
 * on the re-run {@code IF NOT EXISTS} finds it and skips the build, so the migration "succeeds" with an index
 * no query can use.
 */
final class ConcurrentlyIfNotExists extends LintRule.PerStatement {
    @Override
    public String id() {
        return "concurrently-if-not-exists";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String reason() {
        return "CREATE INDEX CONCURRENTLY IF NOT EXISTS can keep an INVALID index left by a failed build";
    }

    @Override
    Optional<Violation> check(LintScript script, ParsedStatement s, LintContext context) {
        if (s.kind() != StatementKind.CREATE_INDEX || !s.concurrently() || !s.ifNotExists()) {
            return Optional.empty();
        }
        return found(script, s, "IF NOT EXISTS skips the build when a failed earlier run left an INVALID "
                        + s.index().map(IndexDefinition::name).orElse("index") + " behind (idxmig verify reports "
                        + "invalid indexes)",
                "drop IF NOT EXISTS, so a re-run stops at the leftover instead of keeping it; then DROP INDEX "
                        + "CONCURRENTLY the leftover and re-run");
    }
}
