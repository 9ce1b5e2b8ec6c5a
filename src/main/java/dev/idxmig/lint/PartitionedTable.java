package dev.idxmig.lint;

import dev.idxmig.base.Severity;
import dev.idxmig.script.ParsedStatement;
import dev.idxmig.script.StatementKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code partitioned-table}: an index statement on a partitioned table, which PostgreSQL builds only with a plain
 * {@code CREATE INDEX} that blocks writes to every partition, refuses {@code CONCURRENTLY} for, and drops only with a
 * plain {@code DROP INDEX}. Where the script runs outside a transaction, idxmig runs its partition recipe
 * ({@code ON ONLY}, then {@code CONCURRENTLY} and {@code ATTACH PARTITION} per partition): the finding says so, as
 * information. Inside a transaction the recipe cannot run, and {@code CONCURRENTLY} there is an error.
 */
final class PartitionedTable implements LintRule {
    @Override
    public String id() {
        return "partitioned-table";
    }

    @Override
    public Severity severity() {
        return Severity.INFO;
    }

    @Override
    public String reason() {
        return "index statements on a partitioned table: what idxmig's partition recipe does, and where it cannot run";
    }

    @Override
    public List<Violation> check(LintContext context) {
        List<Violation> found = new ArrayList<>();
        if (!context.syntax().concurrently()) {
            return found; // partitioned tables without online builds: nothing the recipe changes
        }
        PartitionedTables partitioned = PartitionedTables.of(context);
        for (LintScript script : context.targets()) {
            Transactions tx = Transactions.of(script);
            for (ParsedStatement s : script.statements()) {
                if (s.syntaxError().isPresent()) {
                    continue;
                }
                boolean recipe = script.runsOutsideTransaction() && tx.explicitBegin(s).isEmpty();
                if (s.kind() == StatementKind.CREATE_INDEX) {
                    s.index().filter(ix -> partitioned.table(ix.table()))
                            .ifPresent(ix -> create(script, s, ix.name(), ix.table(), recipe).ifPresent(found::add));
                } else if (s.kind() == StatementKind.DROP_INDEX && recipe) {
                    for (String index : s.indexNames()) {
                        partitioned.tableOfIndex(index).ifPresent(table -> found.add(Violation.at(script, s,
                                Severity.INFO, "DROP INDEX " + index + ", an index of partitioned table " + table
                                        + ": PostgreSQL drops it only with a plain DROP INDEX (idxmig runs it so, "
                                        + "also when written CONCURRENTLY), which takes an ACCESS EXCLUSIVE lock on "
                                        + "the table and every partition while it drops, waiting at most lock_timeout "
                                        + "and retried",
                                "run it when a moment without writes to " + table + " is acceptable")));
                    }
                }
            }
        }
        return found;
    }

    private Optional<Violation> create(LintScript script, ParsedStatement s, String name, String table,
                                       boolean recipe) {
        String verb = s.unique() ? "CREATE UNIQUE INDEX" : "CREATE INDEX";
        if (recipe && name.isEmpty()) {
            return Optional.of(Violation.at(script, s, Severity.ERROR, verb + " on partitioned table " + table
                    + " has no index name: idxmig builds it partition by partition and needs the name to find its "
                    + "steps again", "name the index: " + verb + " name ON " + table + " ..."));
        }
        if (recipe) {
            return Optional.of(Violation.at(script, s, Severity.INFO, name + " on partitioned table " + table
                    + ": idxmig builds it partition by partition without blocking writes: " + verb + " " + name
                    + " ON ONLY " + table + ", then CREATE INDEX CONCURRENTLY and ALTER INDEX " + name
                    + " ATTACH PARTITION for each partition (sub-partitions alike); the index is valid when the last "
                    + "is attached. Plain Flyway or psql would " + (s.concurrently()
                    ? "fail: PostgreSQL has no CONCURRENTLY for partitioned tables"
                    : "block writes to every partition until the build ends"),
                    "nothing to change when idxmig runs it; migrate --dry-run lists the statements"));
        }
        if (s.concurrently()) {
            return Optional.of(Violation.at(script, s, Severity.ERROR, "PostgreSQL refuses " + verb
                    + " CONCURRENTLY on partitioned table " + table + ", and inside a transaction idxmig cannot build "
                    + "it partition by partition", script.sidecarNoTransaction()
                    ? "move the statement out of the BEGIN ... COMMIT the script opens"
                    : "add " + script.sidecarName() + " containing executeInTransaction=false: idxmig then builds it "
                    + "partition by partition without blocking writes"));
        }
        return Optional.empty(); // a plain build inside a transaction: require-concurrently says it blocks writes
    }
}
