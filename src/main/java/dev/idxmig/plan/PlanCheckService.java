package dev.idxmig.plan;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.checks.ChecksFile;
import dev.idxmig.checks.Expectations;
import dev.idxmig.checks.QueryCheck;
import dev.idxmig.script.StatementKind;
import dev.idxmig.db.CatalogSnapshot;
import dev.idxmig.db.Database;
import dev.idxmig.db.ExplainRequest;
import dev.idxmig.db.Explainer;
import dev.idxmig.db.QueryPlan;
import dev.idxmig.db.TableStatistics;
import dev.idxmig.ledger.IndexLedger;
import dev.idxmig.ledger.LedgerEntry;
import dev.idxmig.base.CheckResult;
import dev.idxmig.base.Diagnostics;
import dev.idxmig.base.Finding;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs each check's query through the planner and judges its expectations. Every check runs in its own transaction
 * that is rolled back, read-only unless the check allows writes, so plan-check can never change data; a check
 * whose SQL fails is an error for that check alone.
 */
public final class PlanCheckService {
    private static final String CHECK = "plan-check";

    private final Database database;
    private final Diagnostics diagnostics;
    private final Explainer explainer;
    private final Map<String, TableStatistics> statistics = new HashMap<>();
    private final Set<String> analyzed = new HashSet<>();

    public PlanCheckService(Database database, Diagnostics diagnostics) {
        this.database = database;
        this.diagnostics = diagnostics;
        this.explainer = database.dialect().explainer(database.schema());
    }

    public PlanCheckReport check(ChecksFile file, PlanCheckOptions options) {
        file.select(options.only()); // a misspelt --check stops here, before connecting
        if (options.mode() == PlanCheckMode.USABLE && !explainer.canDiscourageFullScans()) {
            diagnostics.warn(database.dialect().id() + " has no switch to discourage full scans: the usable verdict "
                    + "is not available, checks are judged on the plan it chooses");
        }
        try (Connection c = database.connect()) {
            return check(c, file, options, Hypothesis.NONE);
        } catch (SQLException e) {
            throw IdxmigException.operation("plan-check lost its database connection: "
                    + database.masker().mask(e.getMessage()), "check the server and run plan-check again", e);
        }
    }

    /**
     * The checks on one connection, assuming what the hypothesis says beyond the live catalog (hypothetical
     * indexes live in one session, so the plans must be asked for on the connection that made them).
     */
    public PlanCheckReport check(Connection c, ChecksFile file, PlanCheckOptions options, Hypothesis hypothesis)
            throws SQLException {
        List<QueryCheck> selected = file.select(options.only());
        List<CheckResult> results = new ArrayList<>();
        List<PlanOutcome> outcomes = new ArrayList<>();
        CatalogSnapshot catalog = database.snapshot(c);
        List<LedgerEntry> ledger = new IndexLedger(database.dialect(), database.schema()).read(c);
        for (QueryCheck check : selected) {
            diagnostics.detail("plan-check: " + check.name());
            long start = System.nanoTime();
            Judged judged = run(c, check, options, catalog, ledger, hypothesis);
            long ms = (System.nanoTime() - start) / 1_000_000;
            results.add(new CheckResult(check.name(), judged.findings, judged.details, ms));
            outcomes.add(judged.outcome);
        }
        String title = hypothesis.active() ? "plan-check --hypothetical (" + hypothesis.label() + ") " : "plan-check ";
        return new PlanCheckReport(title + database.productVersion() + ", schema " + database.schema()
                + (hypothesis.active() ? skippedNote(outcomes) : ""), options.mode().label(), results, outcomes);
    }

    /**
     * Skipped checks pass (an info finding), so the headline and the exit code follow from the judged ones alone;
     * a hypothetical run says how many were not judged, and when none was, that nothing was.
     */
    private static String skippedNote(List<PlanOutcome> outcomes) {
        long skipped = outcomes.stream().filter(o -> o.status().equals("skipped")).count();
        if (skipped == 0) {
            return "";
        }
        return skipped == outcomes.size() ? ", nothing judged: all " + skipped + " checks skipped"
                : ", " + skipped + " of " + outcomes.size() + " checks skipped (not judged)";
    }

    /** A check's findings, detail lines and structured outcome. */
    private record Judged(List<Finding> findings, List<String> details, PlanOutcome outcome) {
    }

    /** The plan the planner chose and, where asked and possible, the one with full scans discouraged. */
    private record Plans(QueryPlan chosen, Optional<QueryPlan> usable) {
    }

    /** The expectations each plan misses, and which of the two decides the check. */
    private record Verdict(List<Problem> chosen, Optional<List<Problem>> usable, boolean byUsable) {
        List<Problem> decisive() {
            return byUsable ? usable.orElseThrow() : chosen;
        }

        boolean usableHolds() {
            return usable.map(List::isEmpty).orElse(false);
        }
    }

    /**
     * One check: refused, or skipped when it cannot be judged (another database's check; one that names a pending
     * index the hypothesis could not make), else planned (statistics refreshed first with --analyze) and judged;
     * skipped when it fails on a table such an index is on (the index could turn that verdict), else described.
     */
    private Judged run(Connection c, QueryCheck check, PlanCheckOptions options, CatalogSnapshot catalog,
                       List<LedgerEntry> ledger, Hypothesis hypothesis) {
        Optional<Judged> notRun = refuse(check);
        if (notRun.isPresent()) {
            return notRun.get();
        }
        Expectations expect = check.expect();
        List<String> named = new ArrayList<>(expect.usesIndex());
        named.addAll(expect.notUsesIndex());
        Optional<Hypothesis.Dependency> unmodelled = hypothesis.unmodelledNamed(named);
        if (unmodelled.isPresent()) {
            return skipped(check, unmodelled.get().reason(), List.of());
        }
        List<Finding> findings = new ArrayList<>(namedIndexes(expect, catalog, ledger, hypothesis));
        // Hypothetical indexes and a copy without rows show in plain EXPLAIN only: nothing to run ANALYZE on.
        boolean analyzeQuery = expect.needsAnalyze() && !hypothesis.active();
        if (expect.needsAnalyze() && hypothesis.active()) {
            findings.add(Finding.warning(CHECK, check.name(), "max_rows_examined not checkable hypothetically: it "
                    + "needs EXPLAIN ANALYZE, which runs the query on built indexes only", null));
        }
        List<String> details = new ArrayList<>();
        Plans plans;
        try {
            plans = plan(c, check, options, hypothesis, analyzeQuery, details);
        } catch (SQLException e) {
            findings.add(Finding.error(CHECK, check.name(), "the query failed: "
                            + database.masker().mask(String.valueOf(e.getMessage())).strip(),
                    "fix the check's sql or params (SQLSTATE " + e.getSQLState() + ")"));
            return new Judged(findings, details, outcome(check, "error"));
        }
        Verdict verdict = judge(expect, options, plans);
        unmodelled = hypothesis.unmodelledOn(verdict.decisive().stream().filter(p -> !p.missingIndex())
                .map(Problem::object).collect(Collectors.toSet()));
        if (unmodelled.isPresent()) {
            return skipped(check, unmodelled.get().reason(), planLines(plans, explainer.fullScansDiscouraged()));
        }
        findings.addAll(accessPathFindings(plans.chosen(), verdict, hypothesis, findings,
                explainer.fullScansDiscouraged()));
        findings.addAll(limitFindings(check, expect, plans.chosen()));
        return describe(c, check, plans, verdict, hypothesis, findings, details);
    }

    /** A check for other databases is skipped; one whose SQL could write is refused unless it allows writes. */
    private Optional<Judged> refuse(QueryCheck check) {
        if (!check.runsOn(database.dialect().id())) {
            return Optional.of(skipped(check, "the check is for " + String.join(", ", check.databases()) + " only",
                    List.of()));
        }
        if (!check.allowWrites() && !StatementKind.reads(check.sql())) {
            return Optional.of(new Judged(List.of(Finding.error(CHECK, check.name(), "refused: the SQL starts with "
                            + StatementKind.firstKeyword(check.sql()) + " and could write; plan-check only reads",
                    "check a SELECT, or set allow_writes: true on the check to explain it anyway "
                            + "(it still runs in a transaction that is rolled back)")), List.of(),
                    outcome(check, "refused")));
        }
        return Optional.empty();
    }

    /** Not judged, with the reason as an info finding (so it neither fails nor passes the report on its own). */
    private static Judged skipped(QueryCheck check, String reason, List<String> details) {
        return new Judged(List.of(Finding.info(CHECK, check.name(), "skipped: " + reason)), details,
                outcome(check, "skipped"));
    }

    /** uses_index names that pending migrations drop, or that do not exist and no pending migration creates. */
    private static List<Finding> namedIndexes(Expectations expect, CatalogSnapshot catalog, List<LedgerEntry> ledger,
                                              Hypothesis hypothesis) {
        List<Finding> findings = new ArrayList<>();
        for (String index : expect.usesIndex()) {
            if (hypothesis.dropped().containsKey(index)) {
                findings.add(Finding.error(CHECK, index, "pending migration " + hypothesis.dropped().get(index)
                                + " drops " + index + ", which this check expects",
                        "keep the index (take the DROP out of that migration), or change the check first"));
            } else if (catalog.find(index).isEmpty() && !hypothesis.created().contains(index)) {
                findings.add(missingIndex(index, ledger));
            }
        }
        return findings;
    }

    private Plans plan(Connection c, QueryCheck check, PlanCheckOptions options, Hypothesis hypothesis,
                       boolean analyzeQuery, List<String> details) throws SQLException {
        if (options.analyze()) {
            refreshStatistics(c, check, details);
        }
        try (Explainer.CheckTransaction ignored = explainer.begin(c, check.allowWrites())) {
            QueryPlan chosen = hypothesis.rename(explainer.explain(c, request(check, analyzeQuery, false)));
            Optional<QueryPlan> usable = Optional.empty();
            if (explainer.canDiscourageFullScans(check.sql()) && check.expect().aboutAccessPaths()) {
                usable = Optional.of(hypothesis.rename(explainer.explain(c, request(check, false, true))));
            }
            return new Plans(chosen, usable);
        }
    }

    private static Verdict judge(Expectations expect, PlanCheckOptions options, Plans plans) {
        Optional<List<Problem>> usable = plans.usable().map(u -> judge(expect, u));
        return new Verdict(judge(expect, plans.chosen()), usable,
                options.mode() == PlanCheckMode.USABLE && usable.isPresent());
    }

    /** A plan that uses an index a pending migration drops, and each access-path expectation the plan misses. */
    private static List<Finding> accessPathFindings(QueryPlan chosen, Verdict verdict, Hypothesis hypothesis,
                                                    List<Finding> earlier, String discouraged) {
        List<Finding> findings = new ArrayList<>();
        for (String index : chosen.indexes()) {
            if (hypothesis.dropped().containsKey(index) && !hypothesis.hidden().contains(index)) {
                findings.add(Finding.error(CHECK, index, "the plan uses " + index + ", which pending migration "
                                + hypothesis.dropped().get(index) + " drops; planning without it needs an index "
                                + "hidden, which this hypothesis cannot do (" + hypothesis.label() + ")",
                        "keep the index, or prove the plan without it on a copy (HypoPG 1.4+ hides indexes)"));
            }
        }
        for (Problem p : verdict.decisive()) {
            if (p.missingIndex && earlier.stream().anyMatch(f -> f.object().equals(p.object))) {
                continue; // already reported: the index does not exist at all, or is dropped
            }
            String hint = !verdict.byUsable() && verdict.usableHolds()
                    ? "the index is usable (the planner takes it with " + discouraged + ") but not chosen: the "
                    + "table may be small or its statistics stale; run plan-check --analyze, or --mode usable "
                    + "on small test data"
                    : "the plan below shows what the planner does instead";
            findings.add(Finding.error(CHECK, p.object, p.message + " (" + (verdict.byUsable() ? "usable" : "chosen")
                    + " plan)", hint));
        }
        return findings;
    }

    private List<Finding> limitFindings(QueryCheck check, Expectations expect, QueryPlan chosen) {
        String dbId = database.dialect().id();
        List<Finding> findings = new ArrayList<>();
        expect.maxCostLimit().ifPresent(max -> {
            if (chosen.totalCost().isEmpty()) {
                findings.add(Finding.warning(CHECK, check.name(), "max_cost not judged: " + dbId
                        + " reports no plan cost", null));
            } else if (chosen.totalCost().getAsDouble() > max) {
                findings.add(Finding.error(CHECK, check.name(), String.format(Locale.ROOT,
                        "plan cost %.2f is over max_cost %.2f", chosen.totalCost().getAsDouble(), max),
                        "the plan below shows where the cost comes from"));
            }
        });
        expect.maxRowsExaminedLimit().ifPresent(max -> {
            if (chosen.rowsExamined().isEmpty()) {
                findings.add(Finding.warning(CHECK, check.name(), "max_rows_examined not judged: " + dbId
                        + " does not report rows examined", null));
            } else if (chosen.rowsExamined().getAsLong() > max) {
                findings.add(Finding.error(CHECK, check.name(), chosen.rowsExamined().getAsLong()
                        + " rows examined, over max_rows_examined " + max, "the plan below shows which node reads them"));
            }
        });
        return findings;
    }

    /** The detail lines (verdicts, indexes, numbers, statistics, plans) and the structured outcome. */
    private Judged describe(Connection c, QueryCheck check, Plans plans, Verdict verdict, Hypothesis hypothesis,
                            List<Finding> findings, List<String> details) {
        QueryPlan chosen = plans.chosen();
        boolean aboutAccessPaths = check.expect().aboutAccessPaths();
        Optional<Boolean> chosenVerdict = aboutAccessPaths ? Optional.of(verdict.chosen().isEmpty()) : Optional.empty();
        Optional<Boolean> usableVerdict = aboutAccessPaths ? verdict.usable().map(List::isEmpty) : Optional.empty();
        details.add("verdicts: " + verdicts(check, chosenVerdict, usableVerdict, aboutAccessPaths)
                + (check.genericPlan() ? "; generic plan (parameter values not looked at)" : "")
                + (hypothesis.active() ? "; hypothetical" : ""));
        details.add("indexes used: " + (chosen.indexes().isEmpty() ? "none" : String.join(", ", chosen.indexes())));
        List<String> numbers = new ArrayList<>();
        chosen.totalCost().ifPresent(v -> numbers.add(String.format(Locale.ROOT, "cost %.2f", v)));
        chosen.root().estimatedRows().ifPresent(v -> numbers.add(String.format(Locale.ROOT, "estimated rows %.0f", v)));
        chosen.rowsExamined().ifPresent(v -> numbers.add("rows examined " + v));
        if (!numbers.isEmpty()) {
            details.add(String.join(", ", numbers));
        }
        if (!hypothesis.rowless()) {
            statisticsLine(c, chosen).ifPresent(details::add);
        }
        details.addAll(planLines(plans, explainer.fullScansDiscouraged()));
        boolean passed = findings.stream().noneMatch(f -> f.severity() == dev.idxmig.base.Severity.ERROR);
        PlanOutcome outcome = new PlanOutcome(check.name(), passed ? "pass" : "fail", chosenVerdict, usableVerdict,
                new ArrayList<>(chosen.indexes()), chosen.totalCost(), chosen.rowsExamined(), PlanTree.lines(chosen),
                plans.usable().map(PlanTree::lines).orElse(List.of()));
        return new Judged(findings, details, outcome);
    }

    /** The chosen plan, and the usable one where it differs. */
    private static List<String> planLines(Plans plans, String discouraged) {
        List<String> lines = new ArrayList<>();
        lines.add("plan:");
        List<String> chosen = PlanTree.lines(plans.chosen());
        chosen.forEach(l -> lines.add("  " + l));
        List<String> usable = plans.usable().map(PlanTree::lines).orElse(List.of());
        if (plans.usable().isPresent() && !usable.equals(chosen)) {
            lines.add("plan with " + discouraged + " (usable):");
            usable.forEach(l -> lines.add("  " + l));
        }
        return lines;
    }

    private String verdicts(QueryCheck check, Optional<Boolean> chosen, Optional<Boolean> usable, boolean any) {
        if (!any) {
            return "none asked (no uses_index, not_uses_index, uses_any_index_on or no_full_scan)";
        }
        String usableText = !explainer.canDiscourageFullScans()
                ? "n/a (" + database.dialect().id() + " has no switch to discourage full scans)"
                : !explainer.canDiscourageFullScans(check.sql())
                ? "n/a (" + database.dialect().id() + " cannot discourage full scans for this statement)"
                : usable.map(v -> v ? "yes" : "no").orElse("n/a");
        return "chosen " + (chosen.orElse(false) ? "yes" : "no") + ", usable " + usableText;
    }

    private static ExplainRequest request(QueryCheck check, boolean analyze, boolean discourage) {
        return new ExplainRequest(check.sql(), check.params(), check.genericPlan(), analyze, discourage);
    }

    /** ANALYZE on the tables the check's plan reads: found from a first plan, not by parsing the SQL. */
    private void refreshStatistics(Connection c, QueryCheck check, List<String> details) throws SQLException {
        QueryPlan first;
        try (Explainer.CheckTransaction ignored = explainer.begin(c, check.allowWrites())) {
            first = explainer.explain(c, request(check, false, false));
        }
        for (String table : first.tables()) {
            if (analyzed.add(table)) {
                explainer.analyze(c, table);
                statistics.remove(table);
            }
        }
        details.add("ANALYZE ran first on: " + String.join(", ", first.tables()));
    }

    private Optional<String> statisticsLine(Connection c, QueryPlan plan) {
        List<String> parts = new ArrayList<>();
        for (String table : plan.tables()) {
            try {
                TableStatistics s = statistics.get(table);
                if (s == null) {
                    s = explainer.statistics(c, table);
                    statistics.put(table, s);
                }
                parts.add(table + " " + s.description()
                        + s.fresh().map(f -> f ? " (fresh)" : " (STALE: run with --analyze)").orElse(""));
            } catch (SQLException e) {
                parts.add(table + " unknown (" + e.getMessage() + ")");
            }
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of("statistics: " + String.join("; ", parts));
    }

    /** One expectation the plan does not meet. */
    private record Problem(String object, String message, boolean missingIndex) {
    }

    private static List<Problem> judge(Expectations expect, QueryPlan plan) {
        Set<String> indexes = lower(plan.indexes());
        Set<String> indexed = lower(plan.indexedTables());
        Set<String> full = lower(plan.fullScans());
        List<Problem> problems = new ArrayList<>();
        for (String index : expect.usesIndex()) {
            if (!indexes.contains(index.toLowerCase(Locale.ROOT))) {
                problems.add(new Problem(index, "index " + index + " is not in the plan", true));
            }
        }
        for (String index : expect.notUsesIndex()) {
            if (indexes.contains(index.toLowerCase(Locale.ROOT))) {
                problems.add(new Problem(index, "index " + index + " is in the plan, expected not to be", false));
            }
        }
        for (String table : expect.usesAnyIndexOn()) {
            if (!indexed.contains(table.toLowerCase(Locale.ROOT))) {
                problems.add(new Problem(table, "no index is used on " + table, false));
            }
        }
        for (String table : expect.noFullScan()) {
            if (full.contains(table.toLowerCase(Locale.ROOT))) {
                problems.add(new Problem(table, table + " is scanned in full", false));
            }
        }
        return problems;
    }

    private static Set<String> lower(Set<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    private static Finding missingIndex(String index, List<LedgerEntry> ledger) {
        Optional<LedgerEntry> created = ledger.stream()
                .filter(e -> e.action() == LedgerEntry.Action.CREATED && e.indexName().filter(index::equals).isPresent())
                .reduce((a, b) -> b);
        if (created.isPresent()) {
            return Finding.error(CHECK, index, "index " + index + " does not exist, though migration "
                            + created.get().script() + " created it",
                    "it was dropped outside the migrations; run verify, or rebuild it");
        }
        return Finding.error(CHECK, index, "index " + index + " does not exist and no migration created it",
                "check the name in the checks file, or run migrate first");
    }

    private static PlanOutcome outcome(QueryCheck check, String status) {
        return new PlanOutcome(check.name(), status, Optional.empty(), Optional.empty(), List.of(),
                OptionalDouble.empty(), OptionalLong.empty(), List.of(), List.of());
    }
}
