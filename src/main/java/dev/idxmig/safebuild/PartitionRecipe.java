package dev.idxmig.safebuild;

import dev.idxmig.base.Diagnostics;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.BuildSettings;
import dev.idxmig.db.IndexBuilds;
import dev.idxmig.db.SqlFailures;
import dev.idxmig.script.IndexStatement;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Index statements on a partitioned table, run the way that keeps writers writing. PostgreSQL has no
 * {@code CREATE INDEX CONCURRENTLY} on a partitioned table, and a plain {@code CREATE INDEX} there blocks writes to
 * every partition for the whole build. So {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] ix ON parent ...} runs as:
 * <ol>
 *   <li>{@code CREATE INDEX ix ON ONLY parent ...}: the partitioned index, empty and INVALID, in a moment;</li>
 *   <li>for each partition, {@code CREATE INDEX CONCURRENTLY} (through {@link SafeBuild}: lock timeout, retries,
 *       progress, invalid cleanup) and {@code ALTER INDEX ix ATTACH PARTITION}; a sub-partitioned partition gets
 *       the same recipe one level down;</li>
 *   <li>when the last partition is attached, PostgreSQL marks {@code ix} valid.</li>
 * </ol>
 * Every step looks first: a partition whose index is attached and valid is skipped, an index built but not yet
 * attached is attached, an INVALID leftover is dropped and built again. So a run that stopped anywhere (a failure,
 * a kill) finishes the job when the statement runs again.
 * <p>
 * {@code DROP INDEX CONCURRENTLY} of a partitioned index is impossible in PostgreSQL, and index partitions cannot
 * be detached; it runs as a plain {@code DROP INDEX}, which takes an ACCESS EXCLUSIVE lock on the table and each
 * partition for the moment the drop takes, bounded by lock_timeout and retried like a build.
 * <p>
 * Inside a transaction nothing runs concurrently: the statement runs as written, with a warning.
 */
public final class PartitionRecipe {
    /** PostgreSQL's limit on identifiers, in bytes. */
    static final int MAX_NAME_BYTES = 63;
    private static final Pattern WRITTEN_ONLY = Pattern.compile("(?is).*?\\bON\\s+ONLY\\s.*");
    private static final Pattern DROP_CONCURRENTLY = Pattern.compile("(?is)\\bDROP\\s+INDEX\\s+CONCURRENTLY\\s+");

    /** One step of the recipe, for plans and tests: what it runs, or that it found it done. */
    public record Step(String statement, boolean done) {
    }

    /** What {@link #run} did with a statement; the caller answers {@link Statement#execute(String)} from it. */
    sealed interface Outcome permits RunAsWritten, BuiltByPartition, DroppedPlainly {
    }

    /** Not the recipe's: not an index of a partitioned table, or one PostgreSQL must see as written. */
    record RunAsWritten() implements Outcome {
    }

    /** Built partition by partition (ON ONLY, each partition's concurrent build, ATTACH): no result set. */
    record BuiltByPartition() implements Outcome {
    }

    /** A partitioned table's index dropped with a plain DROP INDEX; {@code executeResult} is execute's answer. */
    record DroppedPlainly(boolean executeResult) implements Outcome {
    }

    private static final Outcome AS_WRITTEN = new RunAsWritten();

    private final SafeBuild safeBuild;
    private final IndexBuilds builds;
    private final BuildSettings settings;
    private final Diagnostics diagnostics;

    PartitionRecipe(SafeBuild safeBuild, IndexBuilds builds, BuildSettings settings, Diagnostics diagnostics) {
        this.safeBuild = safeBuild;
        this.builds = builds;
        this.settings = settings;
        this.diagnostics = diagnostics;
    }

    /**
     * Runs the statement by the recipe when it is one for a partitioned table, and says what it did; the caller runs
     * it as usual on {@link RunAsWritten}.
     */
    Outcome run(Connection c, Statement st, IndexStatement s, Optional<IndexBuilds.Table> table)
            throws SQLException {
        if (table.isEmpty()) {
            return AS_WRITTEN;
        }
        if (s.kind() == IndexStatement.Kind.DROP && s.concurrent() && table.get().partitioned()) {
            return new DroppedPlainly(dropPlainly(c, st, s, table.get()));
        }
        if (s.kind() != IndexStatement.Kind.CREATE || !table.get().partitioned()) {
            return AS_WRITTEN;
        }
        if (WRITTEN_ONLY.matcher(s.sql()).matches() && !s.concurrent()) {
            return AS_WRITTEN; // the migration runs the recipe by hand: each of its steps goes through as usual
        }
        if (!c.getAutoCommit()) {
            if (!s.concurrent()) {
                diagnostics.warn(s.verb() + " " + s.name().orElse("") + " on partitioned table "
                        + table.get().qualified() + " runs inside the migration's transaction, as written: it blocks "
                        + "writes to every partition until the migration commits; with executeInTransaction=false "
                        + "in the script's .sql.conf idxmig builds it partition by partition without blocking");
            }
            return AS_WRITTEN; // CONCURRENTLY in a transaction: PostgreSQL says why not, in its own words
        }
        if (s.name().isEmpty()) {
            throw new SafeBuildFailure(IdxmigException.operation(s.verb() + " on partitioned table "
                    + table.get().qualified() + " has no index name: idxmig builds it partition by partition and "
                    + "needs the name to find its steps again; nothing was built",
                    "name the index (CREATE INDEX name ON ...), then 'idxmig repair' and 'idxmig migrate'", null));
        }
        buildByPartition(c, s, table.get());
        return new BuiltByPartition();
    }

    /** The index of a partitioned table (tableOfIndex): no CONCURRENTLY there, a plain DROP INDEX, said so. */
    private boolean dropPlainly(Connection c, Statement st, IndexStatement s, IndexBuilds.Table table)
            throws SQLException {
        String plain = DROP_CONCURRENTLY.matcher(s.sql()).replaceFirst("DROP INDEX ");
        int partitions = builds.partitions(c, table).size();
        diagnostics.warn(s.name().orElse("the index") + " is the index of partitioned table "
                + table.qualified() + ": PostgreSQL drops it only with a plain DROP INDEX, which takes an "
                + "ACCESS EXCLUSIVE lock on " + table.qualified() + " and its " + partitions + " partition"
                + (partitions == 1 ? "" : "s") + " while it drops (waiting at most lock_timeout "
                + dev.idxmig.config.Durations.format(settings.lockTimeout()) + ", then retried)");
        return safeBuild.run(c, st, IndexStatement.parse(plain).orElseThrow());
    }

    /** CREATE INDEX ON ONLY, then each partition's concurrent build and ATTACH; the index must end valid. */
    private void buildByPartition(Connection c, IndexStatement s, IndexBuilds.Table table) throws SQLException {
        long start = System.nanoTime();
        List<IndexBuilds.Partition> partitions = builds.partitions(c, table);
        diagnostics.info("  " + s.name().get() + " on partitioned table " + table.qualified() + " ("
                + partitions.size() + " partition" + (partitions.size() == 1 ? "" : "s") + "): built partition by "
                + "partition, CREATE INDEX ON ONLY, then CREATE INDEX CONCURRENTLY and ATTACH PARTITION for each");
        Counts counts = new Counts();
        build(c, s, table, s.name().get(), true, counts);
        IndexBuilds.Index done = builds.index(c, table, s.name().get()).orElseThrow(() ->
                new SQLException("index " + s.name().get() + " is gone after its partitioned build"));
        if (!done.valid()) {
            throw new SafeBuildFailure(IdxmigException.operation(s.verb() + " " + s.name().get() + " on "
                    + table.qualified() + ": every partition has its index attached, yet PostgreSQL still "
                    + "marks it INVALID", "run 'idxmig verify' to see which partition lacks a valid index", null));
        }
        diagnostics.info("  built " + s.name().get() + " on partitioned table " + table.qualified() + " in "
                + BuildDisplay.seconds(java.time.Duration.ofNanos(System.nanoTime() - start)) + ": " + counts.built
                + " partition index" + (counts.built == 1 ? "" : "es") + " built, " + counts.attached
                + " attached" + (counts.skipped > 0 ? ", " + counts.skipped + " already done" : ""));
    }

    private static final class Counts {
        int built;
        int attached;
        int skipped;
    }

    /** The recipe for one partitioned table and its index {@code name} (in the table's schema), depth first. */
    private void build(Connection c, IndexStatement s, IndexBuilds.Table table, String name, boolean top,
                       Counts counts)
            throws SQLException {
        Optional<IndexBuilds.Index> parent = builds.index(c, table, name);
        if (parent.isPresent() && parent.get().valid() && (!top || s.ifNotExists())) {
            counts.skipped++; // complete already (IF NOT EXISTS at the top; built by an earlier try below it)
            return;
        }
        if (parent.isEmpty() || parent.get().valid()) {
            // Absent: create it. Valid at the top without IF NOT EXISTS: PostgreSQL says it exists, in its words.
            execute(c, builds.parentIndex(s.unique(), name, table, s.rest()));
        } else {
            diagnostics.info("  " + table.qualified() + ": " + name + " exists, INVALID: resuming its partitions");
        }
        for (IndexBuilds.Partition p : builds.partitions(c, table)) {
            if (p.foreign()) {
                continue; // a foreign table has no index of its own; PostgreSQL leaves it out of the parent's
            }
            Optional<IndexBuilds.Index> attached = builds.attachedIndex(c, table.schema(), name, p.table());
            if (attached.isPresent() && attached.get().valid()) {
                counts.skipped++;
                continue;
            }
            String child = attached.map(IndexBuilds.Index::name).orElseGet(() -> childName(name, p.table().name()));
            if (p.partitioned()) {
                build(c, s, p.table(), child, false, counts);
            } else if (attached.isEmpty()) {
                Optional<IndexBuilds.Index> existing = builds.index(c, p.table(), child);
                if (existing.isPresent() && !existing.get().valid()) {
                    diagnostics.info("  " + p.table().qualified() + ": dropping the INVALID leftover " + child);
                    builds.dropIndex(c, p.table().schema(), child);
                    existing = Optional.empty();
                }
                if (existing.isEmpty()) {
                    String sql = builds.partitionIndex(s.unique(), child, p.table(), s.rest());
                    try (Statement step = c.createStatement()) {
                        safeBuild.run(c, step, IndexStatement.parse(sql).orElseThrow());
                    }
                    counts.built++;
                }
            }
            if (attached.isEmpty()) {
                execute(c, builds.attachIndex(table.schema(), name, p.table().schema(), child));
                counts.attached++;
            }
        }
    }

    /** A short statement (ON ONLY, ATTACH) under lock_timeout, retried on a lock timeout like a build. */
    private void execute(Connection c, String sql) throws SQLException {
        int tries = settings.retries() + 1;
        for (int attempt = 1; ; attempt++) {
            safeBuild.settle(c); // after a partition's concurrent build: lock_timeout again, not --build-wait
            try (Statement st = c.createStatement()) {
                st.execute(sql);
                diagnostics.detail("  ran " + sql);
                return;
            } catch (SQLException e) {
                String state = SqlFailures.sqlState(e).orElse("");
                boolean lock = state.equals(SqlFailures.LOCK_NOT_AVAILABLE) || state.equals(SqlFailures.DEADLOCK);
                if (!lock || attempt >= tries) {
                    throw e;
                }
                java.time.Duration pause = SafeBuild.backoff(attempt);
                diagnostics.warn(sql + ": lock not acquired within lock_timeout "
                        + dev.idxmig.config.Durations.format(settings.lockTimeout()) + " (try " + attempt + " of "
                        + tries + "); retrying in " + BuildDisplay.seconds(pause));
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted while waiting to retry", SqlFailures.QUERY_CANCELED,
                            interrupted);
                }
            }
        }
    }

    /**
     * The name of a partition's index: the parent index's name and the partition's, cut to PostgreSQL's 63 bytes
     * with a short hash of the whole when too long, so the same partition always gets the same name (a rerun
     * finds what an interrupted run built).
     */
    static String childName(String parentIndex, String partition) {
        String whole = parentIndex + "_" + partition;
        if (whole.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES) {
            return whole;
        }
        String hash = String.format("%08x", whole.hashCode());
        StringBuilder cut = new StringBuilder();
        for (int i = 0; i < whole.length(); ) {
            int cp = whole.codePointAt(i);
            String next = new String(Character.toChars(cp));
            if ((cut + next).getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES - hash.length() - 1) {
                break;
            }
            cut.append(next);
            i += Character.charCount(cp);
        }
        return cut + "_" + hash;
    }

    /**
     * The steps the recipe would run now for a statement, for --dry-run; empty when the statement would run as
     * written (not an index on a partitioned table, or a step of the recipe written by hand). Reads the catalog,
     * changes nothing.
     */
    public static Optional<List<Step>> plan(IndexBuilds builds, Connection c, String schema, IndexStatement s)
            throws SQLException {
        if (s.kind() == IndexStatement.Kind.DROP && s.concurrent() && builds.partitionedIndex(c, schema, s.target())) {
            return Optional.of(List.of(new Step(DROP_CONCURRENTLY.matcher(s.sql()).replaceFirst("DROP INDEX ")
                    .strip(), false)));
        }
        if (s.kind() != IndexStatement.Kind.CREATE || s.name().isEmpty()
                || (WRITTEN_ONLY.matcher(s.sql()).matches() && !s.concurrent())) {
            return Optional.empty();
        }
        Optional<IndexBuilds.Table> table = builds.table(c, schema, s.target());
        if (table.isEmpty() || !table.get().partitioned()) {
            return Optional.empty();
        }
        List<Step> steps = new ArrayList<>();
        plan(builds, c, s, table.get(), s.name().get(), steps);
        return Optional.of(steps);
    }

    private static void plan(IndexBuilds builds, Connection c, IndexStatement s, IndexBuilds.Table table,
                             String name, List<Step> steps) throws SQLException {
        Optional<IndexBuilds.Index> parent = builds.index(c, table, name);
        steps.add(new Step(builds.parentIndex(s.unique(), name, table, s.rest()), parent.isPresent()));
        for (IndexBuilds.Partition p : builds.partitions(c, table)) {
            if (p.foreign()) {
                continue;
            }
            Optional<IndexBuilds.Index> attached = parent.isPresent()
                    ? builds.attachedIndex(c, table.schema(), name, p.table()) : Optional.empty();
            String child = attached.map(IndexBuilds.Index::name).orElseGet(() -> childName(name, p.table().name()));
            if (p.partitioned()) {
                plan(builds, c, s, p.table(), child, steps);
            } else {
                steps.add(new Step(builds.partitionIndex(s.unique(), child, p.table(), s.rest()),
                        attached.isPresent()));
            }
            steps.add(new Step(builds.attachIndex(table.schema(), name, p.table().schema(), child),
                    attached.isPresent()));
        }
    }
}
