package dev.idxmig.advise;

import dev.idxmig.base.Diagnostics;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.db.Database;
import dev.idxmig.db.ExplainRequest;
import dev.idxmig.db.Explainer;
import dev.idxmig.db.HypotheticalIndexes;
import dev.idxmig.db.IndexInfo;
import dev.idxmig.db.QueryPlan;
import dev.idxmig.db.ShadowCopy;
import dev.idxmig.db.ShadowPlace;
import dev.idxmig.db.TableActivity;
import dev.idxmig.plan.PlanTree;
import dev.idxmig.script.IndexDefinition;
import dev.idxmig.script.StatementReader;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code idxmig advise}: plans every query of the workload on the target, reads candidate indexes from the plans,
 * makes each one hypothetically (HypoPG, in this session's memory only), plans the workload again, and proposes the
 * candidates that pay ({@link Selection}). Nothing is built and nothing is written: every plan is a plain EXPLAIN in
 * a read-only transaction that is rolled back, and the hypothetical indexes are forgotten at the end.
 */
public final class AdviseService {
    private final Database db;
    private final Diagnostics diagnostics;
    private final Explainer explainer;

    public AdviseService(Database db, Diagnostics diagnostics) {
        this.db = db;
        this.diagnostics = diagnostics;
        this.explainer = db.dialect().explainer(db.schema());
    }

    /** The workload's queries with their plan without any new index. */
    private record Baseline(WorkloadQuery query, QueryPlan plan) {
    }

    public AdviseReport advise(AdviseRequest request) {
        try (Connection c = db.connect()) {
            return advise(c, request);
        } catch (SQLException e) {
            throw IdxmigException.operation("advise lost its database connection: " + db.masker().mask(
                    String.valueOf(e.getMessage())), "check the server and run it again", e);
        }
    }

    private AdviseReport advise(Connection c, AdviseRequest request) throws SQLException {
        List<String> notes = new ArrayList<>();
        List<Baseline> baselines = plan(c, workload(c, request, notes), notes);
        Map<Candidate, Set<String>> candidates = candidates(baselines, tables(c, baselines));
        List<AdviseReport.Rejection> rejected = new ArrayList<>();
        List<Candidate> open = notServedYet(c, candidates, rejected);
        Proof proof = prove(c, open, baselines, request.minGain());
        List<AdviseReport.Proposal> proposals = new ArrayList<>();
        boolean costed = baselines.stream().allMatch(b -> b.plan().totalCost().isPresent());
        List<String> order = baselines.stream().map(b -> b.query().name()).toList();
        for (Measured m : proof.chosen()) {
            proposals.add(proposal(c, m, costed, order));
        }
        writeHeavy(proposals).ifPresent(notes::add);
        for (Selection.Rejected r : proof.rejected()) {
            rejected.add(new AdviseReport.Rejection(r.measured().candidate().createIndex(),
                    r.measured().candidate().table(), List.copyOf(candidates.get(r.measured().candidate())),
                    r.reason(), r.servedBy()));
        }
        return new AdviseReport(db.dialect().displayName(), db.schema(), proof.how(), request.minGain(),
                baselines.stream().map(AdviseService::planned).toList(), proposals, rejected, notes,
                request.explain(), List.of());
    }

    /** The queries from files and, where asked and available, pg_stat_statements'. */
    private List<WorkloadQuery> workload(Connection c, AdviseRequest request, List<String> notes)
            throws SQLException {
        List<WorkloadQuery> workload = new ArrayList<>(request.queries());
        if (request.statStatements()) {
            workload.addAll(new StatStatements(db, diagnostics).top(c, request, notes));
        }
        if (workload.isEmpty()) {
            throw IdxmigException.usage("advise has no workload" + (notes.isEmpty() ? "" : ": "
                            + String.join("; ", notes)),
                    "pass --queries FILE or --checks FILE" + (db.dialect().hasStatementStatistics()
                            ? ", or enable pg_stat_statements" : ""));
        }
        return workload;
    }

    /** Every query's candidates, merged: each candidate with the queries whose plans it was read from. */
    private static Map<Candidate, Set<String>> candidates(List<Baseline> baselines, CandidateExtraction.Tables tables) {
        Map<Candidate, Set<String>> candidates = new LinkedHashMap<>();
        for (Baseline b : baselines) {
            for (Candidate k : CandidateExtraction.from(b.plan(), b.query().sql(), tables)) {
                candidates.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(b.query().name());
            }
        }
        return candidates;
    }

    /** The candidates no existing index serves; the others rejected, naming the index that does. */
    private List<Candidate> notServedYet(Connection c, Map<Candidate, Set<String>> candidates,
                                         List<AdviseReport.Rejection> rejected) throws SQLException {
        List<IndexDefinition> existing = existing(c);
        List<Candidate> open = new ArrayList<>();
        for (Map.Entry<Candidate, Set<String>> e : candidates.entrySet()) {
            Optional<IndexDefinition> by = ExistingIndexes.serving(e.getKey(), existing);
            if (by.isPresent()) {
                rejected.add(new AdviseReport.Rejection(e.getKey().createIndex(), e.getKey().table(),
                        List.copyOf(e.getValue()), "the existing index " + by.get().name() + " serves it",
                        Optional.of(by.get().name())));
            } else {
                open.add(e.getKey());
            }
        }
        return open;
    }

    /** How the candidates were proven, which were chosen, which rejected and why. */
    private record Proof(String how, List<Measured> chosen, List<Selection.Rejected> rejected) {
    }

    /**
     * With hypothetical indexes on the target (HypoPG) where the database has them, else in a copy (SQLite); where
     * they are missing, every candidate rejected as not checkable.
     */
    private Proof prove(Connection c, List<Candidate> open, List<Baseline> baselines, double minGain)
            throws SQLException {
        List<Measured> chosen = new ArrayList<>();
        List<Selection.Rejected> rejected = new ArrayList<>();
        Optional<HypotheticalIndexes> hypo = db.dialect().hypotheticalIndexes();
        if (hypo.isEmpty()) {
            return new Proof(onCopy(open, baselines, minGain, chosen, rejected), chosen, rejected);
        }
        Optional<String> missing = requireHypothetical(c, hypo.get());
        if (missing.isPresent()) {
            // the proof line says why at length; each candidate points there
            open.forEach(k -> rejected.add(new Selection.Rejected(Measured.unchecked(k, missing.get()),
                    "not checkable, so not proposed: no hypothetical indexes (see proof above)", Optional.empty())));
            return new Proof(missing.get(), chosen, rejected);
        }
        String how = hypo.get().describe(c) + " on the target";
        try {
            rounds(c, hypo.get(), open, baselines, minGain, chosen, rejected);
        } finally {
            hypo.get().reset(c);
        }
        return new Proof(how, chosen, rejected);
    }

    /**
     * Proposes one candidate per round: measures every open candidate against the workload as planned with the
     * proposals so far (made hypothetically, kept until the end), picks per {@link Selection#round}, and plans again.
     */
    private void rounds(Connection c, HypotheticalIndexes hypo, List<Candidate> open, List<Baseline> baselines,
                        double minGain, List<Measured> chosen, List<Selection.Rejected> rejected) throws SQLException {
        List<Baseline> current = baselines;
        List<Candidate> left = new ArrayList<>(open);
        List<Candidate> proposed = new ArrayList<>();
        Map<Candidate, String> planNames = new LinkedHashMap<>();
        while (!left.isEmpty()) {
            List<Measured> measured = new ArrayList<>();
            for (Candidate k : left) {
                measured.add(measure(c, hypo, k, current, baselines));
            }
            Selection.Round round = Selection.round(measured, minGain, proposed, measure(baselines));
            rejected.addAll(round.rejected());
            if (round.pick().isEmpty()) {
                break;
            }
            Measured pick = round.pick().get();
            chosen.add(pick);
            proposed.add(pick.candidate());
            planNames.put(pick.candidate(), hypo.create(c, pick.candidate().createIndex()));
            left = round.qualified().stream().map(Measured::candidate).toList();
            current = replan(c, current);
        }
        prune(c, hypo, chosen, planNames, current, baselines, minGain, rejected);
    }

    /** Rows written per scan above which a proposal's table is called write-heavy in a note. */
    static final long WRITE_HEAVY = 100;

    /**
     * One note naming the proposals' tables that are written far more than read (rows written per scan since the
     * statistics were reset): every one of those writes would also maintain the index, which the plans' costs do
     * not count. A person weighs that; advise does not reject on it.
     */
    private static Optional<String> writeHeavy(List<AdviseReport.Proposal> proposals) {
        Map<String, String> heavy = new LinkedHashMap<>();
        for (AdviseReport.Proposal p : proposals) {
            long writes = p.tableWrites().orElse(0);
            long scans = p.tableReads().orElse(0);
            if (writes >= 10_000 && writes >= WRITE_HEAVY * Math.max(scans, 1)) {
                heavy.put(p.table(), p.table() + " " + writes + "/" + scans);
            }
        }
        if (heavy.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("written far more than scanned since the statistics were reset (rows written/scans): "
                + String.join(", ", heavy.values()) + "; each write would also maintain the proposed index, which "
                + "the plans' costs do not count: weigh it before building (on a freshly loaded table the load "
                + "itself counts)");
    }

    private static boolean reads(QueryPlan plan, String table) {
        String name = Condition.unquoted(table);
        return plan.tables().stream().anyMatch(t -> t.equalsIgnoreCase(name));
    }

    private static String measure(List<Baseline> baselines) {
        return baselines.stream().allMatch(b -> b.plan().totalCost().isPresent()) ? Selection.ESTIMATED_COST
                : Selection.PLAN_WORK;
    }

    private List<Baseline> replan(Connection c, List<Baseline> baselines) throws SQLException {
        List<Baseline> replanned = new ArrayList<>();
        for (Baseline b : baselines) {
            replanned.add(new Baseline(b.query(), explain(c, b.query())));
        }
        return replanned;
    }

    /**
     * Takes back a proposal the later ones made redundant: without it (the others in place) the queries that use it
     * cost less than the minimum gain more. A greedy choice can pick {@code (customer_id, status)} first and
     * {@code (customer_id, placed_at)} later, which then serves the first one's queries nearly as well.
     */
    private void prune(Connection c, HypotheticalIndexes hypo, List<Measured> chosen, Map<Candidate, String> planNames,
                       List<Baseline> withAll, List<Baseline> original, double minGain,
                       List<Selection.Rejected> rejected) throws SQLException {
        if (chosen.size() < 2) {
            return;
        }
        List<Baseline> current = withAll;
        for (Measured m : List.copyOf(chosen)) {
            String planName = planNames.get(m.candidate());
            hypo.drop(c, planName);
            List<Baseline> without = replan(c, current);
            Map<String, Double> before = new HashMap<>();
            Map<String, Double> after = new HashMap<>();
            Map<String, Double> first = new HashMap<>();
            for (int i = 0; i < current.size(); i++) {
                Baseline with = current.get(i);
                if (with.plan().indexes().contains(planName)) {
                    before.put(with.query().name(), PlanWork.of(without.get(i).plan()));
                    after.put(with.query().name(), PlanWork.of(with.plan()));
                    first.put(with.query().name(), PlanWork.of(original.get(i).plan()));
                }
            }
            Measured alone = new Measured(m.candidate(), before, after, first, m.sizeBytes(), Optional.empty());
            if (before.isEmpty() || alone.gain() < minGain) {
                chosen.remove(m);
                List<String> others = chosen.stream().filter(x -> x.candidate().table().equals(m.candidate().table()))
                        .map(x -> x.candidate().name()).toList();
                rejected.add(new Selection.Rejected(m, String.format(Locale.ROOT, "with %s proposed, it saves "
                        + "%.0f%% of %s of the queries that use it, below --min-gain %.0f%%",
                        String.join(", ", others), 100 * alone.gain(), measure(original), 100 * minGain),
                        others.stream().findFirst()));
                current = without;
            } else {
                planNames.put(m.candidate(), hypo.create(c, m.candidate().createIndex()));
                // its plan name changed: plan again so the next one is judged with it present under that name
                current = replan(c, without);
            }
        }
    }

    /**
     * Where the database has no hypothetical indexes (SQLite): the candidates made for real in a throwaway copy of
     * the schema and its planner statistics, which plans as the target does; the target is only read.
     */
    private String onCopy(List<Candidate> open, List<Baseline> baselines, double minGain, List<Measured> chosen,
                          List<Selection.Rejected> rejected) throws SQLException {
        String how = "schema and statistics copy (" + db.dialect().displayName() + " plans have no costs: ranked by "
                + "the plan's shape)";
        if (open.isEmpty()) {
            return how;
        }
        try (ShadowCopy copy = db.dialect().shadowCopies().copy(db, ShadowPlace.besideTarget(), true, diagnostics);
             Connection c = copy.database().connect()) {
            diagnostics.detail("advise: " + copy.description());
            CopyIndexes indexes = new CopyIndexes(how);
            try {
                rounds(c, indexes, open, replan(c, baselines), minGain, chosen, rejected);
            } finally {
                indexes.reset(c);
            }
        }
        return how;
    }

    /** Why hypothetical indexes cannot be made here, or empty when they can. */
    private Optional<String> requireHypothetical(Connection c, HypotheticalIndexes hypo) {
        try {
            hypo.require(c, db.schema());
            return Optional.empty();
        } catch (IdxmigException e) {
            return Optional.of(e.getMessage() + e.hint().map(h -> " (" + h + ")").orElse(""));
        }
    }

    /**
     * Plans every query as it stands. A query from a file that does not plan (a syntax error, a table that does not
     * exist) stops advise with where it is; one from pg_stat_statements is left out with a note.
     */
    private List<Baseline> plan(Connection c, List<WorkloadQuery> workload, List<String> notes) {
        List<Baseline> out = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (WorkloadQuery q : workload) {
            try {
                QueryPlan plan = explain(c, q);
                if (q.source().equals(StatStatements.SOURCE) && plan.tables().isEmpty()) {
                    continue; // reads no table (SELECT $1, SET ...): nothing an index could do for it
                }
                out.add(new Baseline(q, plan));
            } catch (SQLException e) {
                String why = q.where() + ": " + firstLine(db.masker().mask(String.valueOf(e.getMessage())));
                if (q.source().equals(StatStatements.SOURCE)) {
                    notes.add("left out " + why);
                } else {
                    failed.add(why);
                }
            }
        }
        if (!failed.isEmpty()) {
            throw IdxmigException.usage("advise cannot plan " + failed.size() + " quer"
                    + (failed.size() == 1 ? "y" : "ies") + " of its workload:\n  " + String.join("\n  ", failed),
                    "fix or remove the queries named; each must plan on the target (tables that exist, valid SQL)");
        }
        return out;
    }

    private QueryPlan explain(Connection c, WorkloadQuery q) throws SQLException {
        try (Explainer.CheckTransaction ignored = explainer.begin(c, false)) {
            return explainer.explain(c, new ExplainRequest(q.sql(), q.params(), q.genericPlan(), false, false));
        }
    }

    private CandidateExtraction.Tables tables(Connection c, List<Baseline> baselines) throws SQLException {
        Map<String, Set<String>> columns = new HashMap<>();
        Map<String, Set<String>> few = new HashMap<>();
        for (Baseline b : baselines) {
            for (String table : b.plan().tables()) {
                String t = table.toLowerCase(Locale.ROOT);
                if (!columns.containsKey(t)) {
                    Set<String> cols = db.dialect().tableColumns(c, db.schema(), table);
                    if (!cols.isEmpty()) {
                        columns.put(t, cols);
                        few.put(t, db.dialect().fewValueColumns(c, db.schema(), table, FEW_VALUES));
                    }
                }
            }
        }
        return new CandidateExtraction.Tables(columns, few, db.dialect().indexSyntax().include());
    }

    /** At most this many distinct values make a column a status, where a constant can make a partial index. */
    static final int FEW_VALUES = 20;

    private List<IndexDefinition> existing(Connection c) throws SQLException {
        List<IndexDefinition> out = new ArrayList<>();
        for (IndexInfo i : db.snapshot(c).withConstraints()) {
            if (i.healthy()) {
                StatementReader.index(i.definition()).ifPresent(out::add);
            }
        }
        return out;
    }

    /** Makes the candidate hypothetically, plans every query again, and forgets it. */
    private Measured measure(Connection c, HypotheticalIndexes hypo, Candidate k, List<Baseline> baselines,
                             List<Baseline> original) throws SQLException {
        String planName;
        try {
            planName = hypo.create(c, k.createIndex());
        } catch (SQLException e) {
            return Measured.unchecked(k, firstLine(String.valueOf(e.getMessage())));
        }
        try {
            Map<String, Double> before = new HashMap<>();
            Map<String, Double> after = new HashMap<>();
            Map<String, Double> first = new HashMap<>();
            for (int i = 0; i < baselines.size(); i++) {
                Baseline b = baselines.get(i);
                if (!reads(b.plan(), k.table())) {
                    continue; // an index on another table cannot change this plan
                }
                QueryPlan with = explain(c, b.query());
                if (with.indexes().contains(planName)) {
                    before.put(b.query().name(), PlanWork.of(b.plan()));
                    after.put(b.query().name(), PlanWork.of(with));
                    first.put(b.query().name(), PlanWork.of(original.get(i).plan()));
                }
            }
            diagnostics.detail("hypothetical " + k.createIndex() + ": used by " + before.keySet());
            return new Measured(k, before, after, first, hypo.size(c, planName), Optional.empty());
        } finally {
            hypo.drop(c, planName);
        }
    }

    private AdviseReport.Proposal proposal(Connection c, Measured m, boolean costed, List<String> workloadOrder)
            throws SQLException {
        Set<String> served = m.before().keySet();
        Optional<TableActivity> activity = db.dialect().tableActivity(c, db.schema(),
                Condition.unquoted(m.candidate().table()));
        List<String> ordered = workloadOrder.stream().filter(served::contains).toList();
        return new AdviseReport.Proposal(m.candidate().name(), m.candidate().table(), m.candidate().createIndex(),
                m.candidate().shape(), ordered, costed ? OptionalDouble.of(m.costBefore(served)) : OptionalDouble.empty(),
                costed ? OptionalDouble.of(m.costAfter(served)) : OptionalDouble.empty(),
                costed ? OptionalDouble.of(m.gain()) : OptionalDouble.empty(), m.sizeBytes(),
                activity.map(a -> OptionalLong.of(a.writes())).orElse(OptionalLong.empty()),
                activity.map(a -> OptionalLong.of(a.reads())).orElse(OptionalLong.empty()));
    }

    private static AdviseReport.PlannedQuery planned(Baseline b) {
        return new AdviseReport.PlannedQuery(b.query().name(), b.query().source(), b.query().sql(),
                b.query().params(), b.query().planning(), b.plan().totalCost(), b.query().meanMs(), b.query().calls(),
                PlanTree.accessLines(b.plan()));
    }

    private static String firstLine(String message) {
        return message.strip().lines().findFirst().orElse(message).strip();
    }
}
