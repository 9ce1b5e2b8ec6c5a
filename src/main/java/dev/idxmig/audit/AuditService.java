package dev.idxmig.audit;

import dev.idxmig.audit.Evidence.CheckPromise;
import dev.idxmig.audit.Evidence.MeasuredGain;
import dev.idxmig.audit.Evidence.NodeUsage;
import dev.idxmig.audit.Evidence.PromiseState;
import dev.idxmig.audit.Evidence.Usage;
import dev.idxmig.audit.NodeStatistics.IndexUsage;
import dev.idxmig.base.CheckResult;
import dev.idxmig.base.Diagnostics;
import dev.idxmig.base.Finding;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.base.Severity;
import dev.idxmig.checks.ChecksFile;
import dev.idxmig.checks.QueryCheck;
import dev.idxmig.config.Durations;
import dev.idxmig.db.Database;
import dev.idxmig.ledger.IndexLedger;
import dev.idxmig.ledger.LedgerEntry;
import dev.idxmig.plan.PlanCheckOptions;
import dev.idxmig.plan.PlanCheckReport;
import dev.idxmig.plan.PlanCheckService;
import dev.idxmig.plan.PlanOutcome;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Audits the indexes of one target's ledger: joins the ledger (provenance), the checks file and plan-check now
 * (promises), bench runs (measured medians) and the usage statistics of the target and its standbys, and asks
 * {@link AuditVerdict} for each verdict. Read-only: the plans run in transactions that are rolled back, and
 * EXPLAIN without ANALYZE counts no scan.
 */
public final class AuditService {
    private final Database db;
    private final Diagnostics diagnostics;

    public AuditService(Database db, Diagnostics diagnostics) {
        this.db = db;
        this.diagnostics = diagnostics;
    }

    public AuditReport audit(AuditRequest request) {
        List<String> notes = new ArrayList<>();
        List<LedgerEntry> standing;
        List<NodeStatistics> nodes = new ArrayList<>();
        dev.idxmig.db.CatalogSnapshot catalog;
        try (Connection c = db.connect()) {
            standing = standing(new IndexLedger(db.dialect(), db.schema()).read(c));
            catalog = db.snapshot(c);
            if (UsageReader.available(db.dialect())) {
                UsageReader.requireSource(c, db.dialect());
                nodes.add(UsageReader.read(c, db.dialect(), db.schema(), "primary"));
                nodes.addAll(new Replicas(db, diagnostics).read(c, request.replicas(), notes));
            } else if (!request.replicas().isEmpty()) {
                notes.add("--replica ignored: " + UsageReader.unavailable(db.dialect()));
            }
        } catch (SQLException e) {
            throw IdxmigException.operation("audit cannot read the ledger or the statistics: "
                    + db.masker().mask(String.valueOf(e.getMessage())), "check that the user may read the "
                    + "ledger table and the statistics views", e);
        }
        if (standing.isEmpty()) {
            notes.add("the ledger records no index in schema " + db.schema() + ": run idxmig migrate, or idxmig "
                    + "baseline to adopt the indexes that stand");
        }
        Map<String, Judged> judged = judge(request, standing, notes);
        benchSchemas(request, notes);
        List<AuditedIndex> rows = new ArrayList<>();
        for (LedgerEntry entry : standing) {
            rows.add(audited(entry, request, judged, nodes, catalog));
        }
        rows.sort(Comparator.comparing(AuditedIndex::verdict).thenComparing(AuditedIndex::index));
        return AuditReport.of("audit " + db.productVersion() + ", schema " + db.schema(), db.schema(),
                statistics(nodes), rows, notes, request.failOn());
    }

    /** The indexes the ledger says stand now: the last applied change to each name, unless it dropped it. */
    static List<LedgerEntry> standing(List<LedgerEntry> ledger) {
        Map<String, LedgerEntry> last = new LinkedHashMap<>();
        for (LedgerEntry e : ledger) {
            if (e.isIndexChange() && e.outcome() == LedgerEntry.Outcome.APPLIED && e.indexName().isPresent()) {
                last.put(e.indexName().get(), e);
            }
        }
        return last.values().stream().filter(e -> e.action() != LedgerEntry.Action.DROPPED).toList();
    }

    /** A check's verdict now, and its definition. */
    private record Judged(QueryCheck check, CheckResult result, PlanOutcome outcome) {
    }

    /** Plan-check on every check now; a check naming an index the ledger does not know is a note. */
    private Map<String, Judged> judge(AuditRequest request, List<LedgerEntry> standing, List<String> notes) {
        Map<String, Judged> judged = new LinkedHashMap<>();
        if (request.checks().isEmpty()) {
            notes.add("no checks file: no index has a written promise (see docs/plan-check.md)");
            return judged;
        }
        ChecksFile file = request.checks().get();
        List<String> known = standing.stream().map(e -> e.indexName().orElseThrow()).toList();
        for (QueryCheck check : file.checks()) {
            check.expect().usesIndex().stream().filter(i -> !known.contains(i)).forEach(i -> notes.add("check '"
                    + check.name() + "' names " + i + ", which the ledger of schema " + db.schema() + " does not "
                    + "record: its promise is not audited"));
        }
        PlanCheckReport report = new PlanCheckService(db, diagnostics)
                .check(file, new PlanCheckOptions(request.mode(), false /* no ANALYZE: audit writes nothing */,
                        List.of()));
        for (int i = 0; i < file.checks().size(); i++) {
            QueryCheck check = file.checks().get(i);
            judged.put(check.name(), new Judged(check, report.checks().get(i), report.outcomes().get(i)));
        }
        return judged;
    }

    /** A bench run from another schema or another database measured something else: refused, named. */
    private void benchSchemas(AuditRequest request, List<String> notes) {
        String product = db.productVersion().split(" ")[0];
        for (AuditRequest.BenchFile f : request.benchRuns()) {
            boolean otherSchema = !f.run().schema().equals(db.schema());
            boolean otherDatabase = !f.run().database().startsWith(product);
            if (otherSchema || otherDatabase) {
                throw IdxmigException.usage("bench file " + f.file() + " was measured on " + f.run().database()
                        + ", schema " + f.run().schema() + ", not on this target (" + db.productVersion()
                        + ", schema " + db.schema() + ")", "pass the bench runs of this schema and database, or "
                        + "audit the target they were measured on with --url/--schema");
            }
        }
    }

    private AuditedIndex audited(LedgerEntry entry, AuditRequest request, Map<String, Judged> judged,
                                 List<NodeStatistics> nodes, dev.idxmig.db.CatalogSnapshot catalog) {
        String name = entry.indexName().orElseThrow();
        List<Judged> naming = judged.values().stream().filter(j -> j.check().expect().usesIndex().contains(name))
                .toList();
        List<CheckPromise> promises = naming.stream().map(AuditService::promise).toList();
        List<MeasuredGain> gains = naming.stream().map(j -> gain(j.check(), entry.recordedAt(), request))
                .flatMap(Optional::stream).toList();
        Optional<IndexUsage> primary = nodes.isEmpty() ? Optional.empty()
                : Optional.ofNullable(nodes.get(0).indexes().get(name));
        List<NodeUsage> usage = new ArrayList<>();
        for (NodeStatistics node : nodes) {
            IndexUsage u = node.indexes().get(name);
            if (u != null) {
                usage.add(new NodeUsage(node.node(), u.scans(), u.lastScan(), node.since(), node.source()));
            }
        }
        Optional<Usage> counted = usage.isEmpty() ? Optional.empty()
                : Optional.of(new Usage(entry.recordedAt(), nodes.get(0).now(), usage));
        boolean enforces = entry.unique() || entry.constraint().isPresent()
                || primary.map(IndexUsage::enforcesConstraint).orElse(false);
        Evidence evidence = new Evidence(entry.adopted(), enforces, promises, gains, counted, request.since());
        AuditVerdict verdict = AuditVerdict.of(evidence);
        List<String> warnings = new ArrayList<>(verdict.warnings());
        if (!nodes.isEmpty() && primary.isEmpty()) {
            warnings.add("no usage row on the primary (an index of a partitioned table, or not built): usage unknown");
        }
        return new AuditedIndex(name, entry.table().orElse("?"), entry.version(), entry.script(),
                entry.action().label(), entry.recordedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), entry.buildMs(), entry.sizeBytes(),
                primary.map(u -> OptionalLong.of(u.sizeBytes()))
                        .orElseGet(() -> catalog.find(name).map(i -> i.sizeBytes()).orElse(OptionalLong.empty())),
                enforces, promises,
                gains, usage, primary.map(u -> OptionalLong.of(u.tableWrites())).orElse(OptionalLong.empty()),
                primary.map(u -> perHour(u.tableWrites(), nodes.get(0))).orElse(OptionalDouble.empty()),
                verdict.verdict(), verdict.reasons(), warnings, verdict.scans(), verdict.coversWindow(),
                entry.definition(), verdict.covered().map(java.time.Duration::getSeconds));
    }

    /** A count over the time a server's statistics cover, per hour; none when they cover under a second. */
    static OptionalDouble perHour(long count, NodeStatistics node) {
        long seconds = java.time.Duration.between(node.since(), node.now()).getSeconds();
        return seconds < 1 ? OptionalDouble.empty() : OptionalDouble.of(count * 3600.0 / seconds);
    }

    private static CheckPromise promise(Judged j) {
        String status = j.outcome().status();
        if (status.equals("skipped")) {
            return new CheckPromise(j.check().name(), PromiseState.NOT_JUDGED, j.result().findings().stream()
                    .findFirst().map(Finding::message).orElse("skipped"));
        }
        if (!j.result().passed()) {
            return new CheckPromise(j.check().name(), PromiseState.BROKEN, j.result().findings().stream()
                    .filter(f -> f.severity() == Severity.ERROR).findFirst().map(Finding::message)
                    .orElse(status));
        }
        String how = j.outcome().chosen().orElse(false) ? "the planner chooses it"
                : j.outcome().usable().orElse(false) ? "usable with sequential scans discouraged" : "passes";
        return new CheckPromise(j.check().name(), PromiseState.HOLDS, how);
    }

    /**
     * The check's medians: the last run measured before the index was recorded, the last one after it, and the
     * check's target. Empty when no run measured the check and it has no target either.
     */
    private static Optional<MeasuredGain> gain(QueryCheck check, Instant builtAt, AuditRequest request) {
        java.util.OptionalDouble before = java.util.OptionalDouble.empty();
        java.util.OptionalDouble after = java.util.OptionalDouble.empty();
        List<AuditRequest.BenchFile> runs = new ArrayList<>(request.benchRuns());
        runs.sort(Comparator.comparing(f -> f.run().measuredAt()));
        for (AuditRequest.BenchFile f : runs) {
            Optional<Double> median = f.run().query(check.name()).flatMap(q -> q.timing())
                    .map(t -> t.medianMs());
            if (median.isEmpty()) {
                continue;
            }
            if (Instant.parse(f.run().measuredAt()).isBefore(builtAt)) {
                before = java.util.OptionalDouble.of(median.get());
            } else {
                after = java.util.OptionalDouble.of(median.get());
            }
        }
        if (before.isEmpty() && after.isEmpty() && check.bench().maxMedian().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MeasuredGain(check.name(), before, after, check.bench().maxMedian()));
    }

    private String statistics(List<NodeStatistics> nodes) {
        if (nodes.isEmpty()) {
            return "no usage statistics: " + UsageReader.unavailable(db.dialect());
        }
        List<String> parts = new ArrayList<>();
        for (NodeStatistics n : nodes) {
            parts.add(n.node() + ": since " + Spans.utc(n.since()) + " (" + n.source().label() + ", "
                    + Durations.human(java.time.Duration.between(n.since(), n.now())) + " ago)");
        }
        return "usage statistics " + String.join("; ", parts);
    }
}
