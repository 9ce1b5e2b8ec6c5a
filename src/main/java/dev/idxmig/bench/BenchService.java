package dev.idxmig.bench;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.checks.ChecksFile;
import dev.idxmig.checks.QueryCheck;
import dev.idxmig.script.StatementKind;
import dev.idxmig.db.Database;
import dev.idxmig.db.ExplainRequest;
import dev.idxmig.db.Explainer;
import dev.idxmig.db.QueryPlan;
import dev.idxmig.db.TableStatistics;
import dev.idxmig.plan.PlanTree;
import dev.idxmig.base.Diagnostics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Times the queries of the checks file: warm-up runs, then timed runs with every row fetched, on a monotonic
 * clock; then one EXPLAIN (ANALYZE, BUFFERS) where the database has it, for rows examined and buffers. Each run
 * is in a transaction that is rolled back, read-only unless the check allows writes, as in plan-check.
 */
public final class BenchService {
    private final Database database;
    private final Diagnostics diagnostics;
    private final Explainer explainer;

    public BenchService(Database database, Diagnostics diagnostics) {
        this.database = database;
        this.diagnostics = diagnostics;
        this.explainer = database.dialect().explainer(database.schema());
    }

    public BenchRun measure(ChecksFile file, BenchOptions options) {
        List<QueryCheck> checks = file.select(options.only());
        String measuredAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<QueryBenchmark> results = new ArrayList<>();
        Map<String, Optional<QueryBenchmark.TableContext>> tables = new HashMap<>();
        try (Connection c = database.connect()) {
            for (QueryCheck check : checks) {
                diagnostics.info("bench: " + check.name());
                results.add(measure(c, check, options, tables));
            }
        } catch (SQLException e) {
            throw IdxmigException.operation("bench lost its database connection: "
                    + database.masker().mask(e.getMessage()), "check the server and run bench again", e);
        }
        String machine = Runtime.getRuntime().availableProcessors() + " cores, Java "
                + System.getProperty("java.version");
        return new BenchRun(database.productVersion(), database.schema(), machine, measuredAt, options.runs(),
                options.warmup(), results);
    }

    private QueryBenchmark measure(Connection c, QueryCheck check, BenchOptions options,
                                   Map<String, Optional<QueryBenchmark.TableContext>> tables) {
        OptionalDouble target = check.bench().maxMedian();
        if (!check.runsOn(database.dialect().id())) {
            return notMeasured(check, "skipped", Optional.of("the check is for " + String.join(", ",
                    check.databases()) + " only"));
        }
        if (!check.allowWrites() && !StatementKind.reads(check.sql())) {
            return notMeasured(check, "refused", Optional.of("the SQL starts with "
                    + StatementKind.firstKeyword(check.sql()) + " and could write; set allow_writes: true to time it "
                    + "(each run is rolled back)"));
        }
        try {
            long rows = 0;
            for (int i = 0; i < options.warmup(); i++) {
                run(c, check);
            }
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < options.runs(); i++) {
                Run r = run(c, check);
                millis.add(r.nanos / 1_000_000.0);
                rows = r.rows;
            }
            QueryPlan plan;
            try (Explainer.CheckTransaction ignored = explainer.begin(c, check.allowWrites())) {
                plan = explainer.explain(c, new ExplainRequest(check.sql(), check.params(), check.genericPlan(), true,
                        false));
            }
            List<QueryBenchmark.TableContext> context = new ArrayList<>();
            for (String table : plan.tables()) {
                if (!tables.containsKey(table)) {
                    tables.put(table, context(c, table));
                }
                tables.get(table).ifPresent(context::add);
            }
            return new QueryBenchmark(check.name(), "measured", Optional.empty(),
                    Optional.of(TimingStats.of(millis)), OptionalLong.of(rows), plan.rowsExamined(),
                    plan.buffersHit(), plan.buffersRead(), plan.executionMs(), plan.vmSteps(), new ArrayList<>(plan.indexes()),
                    PlanTree.accessLines(plan), check.genericPlan(), context, target);
        } catch (SQLException e) {
            return notMeasured(check, "failed",
                    Optional.of(database.masker().mask(String.valueOf(e.getMessage())).strip()));
        }
    }

    private record Run(long nanos, long rows) {
    }

    /** One run: execute and fetch every row, timed on the monotonic clock; then roll back. */
    private Run run(Connection c, QueryCheck check) throws SQLException {
        try (Explainer.CheckTransaction ignored = explainer.begin(c, check.allowWrites());
             PreparedStatement ps = c.prepareStatement(check.sql())) {
            explainer.pinPlan(c, ps, check.genericPlan());
            explainer.bind(ps, check.params());
            long rows = 0;
            long start = System.nanoTime();
            if (ps.execute()) {
                try (ResultSet rs = ps.getResultSet()) {
                    while (rs.next()) {
                        rows++;
                    }
                }
            } else {
                rows = ps.getUpdateCount();
            }
            return new Run(System.nanoTime() - start, rows);
        }
    }

    /** Rows and statistics of a table the plan reads; none for what is not a table of the schema (a CTE). */
    private Optional<QueryBenchmark.TableContext> context(Connection c, String table) throws SQLException {
        if (!database.dialect().tableExists(c, database.schema(), table)) {
            return Optional.empty();
        }
        long rows;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM "
                     + database.dialect().qualify(database.schema(), table))) {
            rs.next();
            rows = rs.getLong(1);
        }
        TableStatistics s = explainer.statistics(c, table);
        return Optional.of(new QueryBenchmark.TableContext(table, rows, s.description(), s.fresh()));
    }

    private static QueryBenchmark notMeasured(QueryCheck check, String status, Optional<String> why) {
        return new QueryBenchmark(check.name(), status, why, Optional.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalDouble.empty(),
                OptionalLong.empty(), List.of(), List.of(), check.genericPlan(), List.of(), check.bench().maxMedian());
    }
}
