package dev.idxmig.lint;

import dev.idxmig.script.StatementKind;
import dev.idxmig.script.ParsedStatement;
import dev.idxmig.base.Severity;

import java.util.Optional;
import java.util.Set;

/**
 * {@code require-concurrently}: a plain {@code CREATE INDEX}, {@code DROP INDEX} or {@code REINDEX} takes a
 * lock that stops every write to the table until it is done. Only where the database has {@code CONCURRENTLY};
 * a table created earlier in the same transaction is invisible to everybody else until it commits, so it is
 * exempt ({@link Transactions}).
 */
final class RequireConcurrently extends LintRule.PerStatement {
    @Override
    public String id() {
        return "require-concurrently";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String reason() {
        return "CREATE/DROP INDEX and REINDEX without CONCURRENTLY block writes to an existing table while they run";
    }

    @Override
    Optional<Violation> check(LintScript script, ParsedStatement s, LintContext context) {
        if (!context.syntax().concurrently() || !s.kind().touchesIndexes() || s.concurrently()
                || s.syntaxError().isPresent()) {
            return Optional.empty();
        }
        Transactions tx = Transactions.of(script);
        Set<String> newTables = tx.newTables(s);
        Set<String> newIndexes = tx.newIndexes(s);
        String verb = s.kind() == StatementKind.CREATE_INDEX ? "CREATE INDEX"
                : s.kind() == StatementKind.DROP_INDEX ? "DROP INDEX" : "REINDEX";
        if (s.kind() == StatementKind.CREATE_INDEX && s.table().map(newTables::contains).orElse(false)) {
            return Optional.empty();
        }
        if (s.kind() != StatementKind.CREATE_INDEX && (s.table().map(newTables::contains).orElse(false)
                || (!s.indexNames().isEmpty() && newIndexes.containsAll(s.indexNames())))) {
            return Optional.empty();
        }
        if (script.runsOutsideTransaction() && tx.explicitBegin(s).isEmpty() && onPartitionedTable(s, context)) {
            return Optional.empty(); // idxmig's partition recipe builds it online; partitioned-table says how
        }
        String on = s.table().map(t -> " on " + t).orElse(s.indexNames().isEmpty() ? "" : " of "
                + String.join(", ", s.indexNames()));
        return found(script, s, verb + " without CONCURRENTLY" + on + " blocks writes to the table until it finishes",
                "write " + (s.kind() == StatementKind.REINDEX ? "REINDEX INDEX|TABLE CONCURRENTLY" : verb
                        + " CONCURRENTLY") + (script.sidecarNoTransaction() ? "" : " and put executeInTransaction=false in "
                        + script.sidecarName()));
    }

    /** What the scripts and the live catalog say of partitioned tables, read once per lint run. */
    private LintContext partitionsOf;
    private PartitionedTables partitions;

    /** A build on a partitioned table, or a drop of one's index: no CONCURRENTLY exists for either. */
    private boolean onPartitionedTable(ParsedStatement s, LintContext context) {
        if (partitionsOf != context) {
            partitions = PartitionedTables.of(context);
            partitionsOf = context;
        }
        PartitionedTables partitioned = partitions;
        if (s.kind() == StatementKind.CREATE_INDEX) {
            return s.index().map(ix -> partitioned.table(ix.table())).orElse(false);
        }
        return s.kind() == StatementKind.DROP_INDEX && !s.indexNames().isEmpty()
                && s.indexNames().stream().allMatch(ix -> partitioned.tableOfIndex(ix).isPresent());
    }
}
