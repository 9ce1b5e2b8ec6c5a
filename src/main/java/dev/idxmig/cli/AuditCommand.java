package dev.idxmig.cli;

import dev.idxmig.audit.AcrossSchemas;
import dev.idxmig.audit.AuditDropMigration;
import dev.idxmig.audit.AuditReport;
import dev.idxmig.audit.AuditRequest;
import dev.idxmig.audit.AuditService;
import dev.idxmig.audit.BenchFiles;
import dev.idxmig.audit.Verdict;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.checks.ChecksFile;
import dev.idxmig.config.ConnectionSettings;
import dev.idxmig.config.DatabaseUrls;
import dev.idxmig.config.Durations;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.fleet.TargetOutcome;
import dev.idxmig.plan.PlanCheckMode;
import dev.idxmig.output.AuditFleetText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

@Command(name = "audit", description = {
        "For each index in the ledger: where it came from (migration, build time, size), what was promised (the "
                + "checks naming it, bench medians), what happened (scans since it was built, the plan now, its "
                + "table's writes) and a verdict: delivered, used never proven, promise broken, unused since built, "
                + "adopted unknown (or unknown where the database keeps no usage statistics).",
        "Read-only. Exits 1 when a verdict named by --fail-on occurs, 6 when a --replica could not be counted."})
final class AuditCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--checks", paramLabel = "FILE", description = "Checks file with the promises (default: checks: "
            + "in idxmig.yaml, else checks.yaml beside the migrations); without one, no index has a promise.")
    Path checks;

    @Option(names = "--bench", paramLabel = "FILE", description = "Bench runs to read medians from (repeatable): "
            + "bench --save-baseline files or migrate --benchmark --format json reports. A run measured before an "
            + "index was built is its 'before', one after it its 'after'.")
    List<Path> bench = new ArrayList<>();

    @Option(names = "--since", paramLabel = "DURATION", description = "The window an index must go unused for, "
            + "e.g. 7d, 2w, 12h (default: all the statistics cover). Longer than the statistics cover: said, "
            + "not guessed.")
    String since;

    @Option(names = "--fail-on", paramLabel = "VERDICTS", split = ",", description = "Verdicts that fail the run "
            + "(exit 1), comma-separated: broken, unused (default: none).")
    List<String> failOn = new ArrayList<>();

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "chosen", description = "The plan verdict a check "
            + "must hold on: chosen (the planner picks the index) or usable (it can, with full scans discouraged) "
            + "(default: ${DEFAULT-VALUE}).", converter = PlanCheckCommand.ModeConverter.class)
    PlanCheckMode mode = PlanCheckMode.CHOSEN;

    @Option(names = "--replica", paramLabel = "URL", description = "A streaming standby of the target whose scans "
            + "count too (repeatable; PostgreSQL). User and password as for the target unless the URL has them.")
    List<String> replicas = new ArrayList<>();

    @Option(names = "--write-migration", description = "Also write the next versioned migration dropping the "
            + "indexes judged unused (or broken and unscanned) for at least the window (--since, default 7 days), "
            + "with its undo script. Never an index that enforces a constraint or that a check holding now names. "
            + "It is never applied automatically.")
    boolean writeMigration;

    @Option(names = "--hypothetical", description = "With --write-migration: plan every check again without each "
            + "index proposed for the drop (HypoPG on PostgreSQL, a schema and statistics copy on SQLite), as doctor "
            + "--hypothetical does, and leave out any index a passing check still needs.")
    boolean hypothetical;

    @Mixin
    FleetOptions fleet;

    @Override
    java.util.Set<dev.idxmig.output.ReportFormat> reportFormats() {
        return CHECK_FORMATS;
    }

    @Override
    void validateOptions() {
        if (hypothetical && !writeMigration) {
            throw IdxmigException.usage("--hypothetical proves the drops of --write-migration",
                    "add --write-migration, or leave --hypothetical out");
        }
        window();
        verdicts();
        replicas.forEach(DatabaseUrls::parse);
        if (fleet.active() && (!replicas.isEmpty() || !bench.isEmpty() || writeMigration)) {
            throw IdxmigException.usage("--replica, --bench and --write-migration work on one target",
                    "audit one schema or database at a time with them");
        }
    }

    /** {@code --since} as a duration, by the one duration rule (7d, 2w, 12h). */
    Optional<Duration> window() {
        if (since == null) {
            return Optional.empty();
        }
        Duration d = Durations.parse(since, "--since");
        if (d.isZero()) {
            throw IdxmigException.usage("--since must be longer than 0", "write a window such as 7d, 2w or 12h");
        }
        return Optional.of(d);
    }

    Set<Verdict> verdicts() {
        Set<Verdict> set = EnumSet.noneOf(Verdict.class);
        for (String v : failOn) {
            switch (v.trim().toLowerCase(Locale.ROOT)) {
                case "broken" -> set.add(Verdict.PROMISE_BROKEN);
                case "unused" -> set.add(Verdict.UNUSED_SINCE_BUILT);
                default -> throw IdxmigException.usage("--fail-on takes broken or unused, not '" + v + "'",
                        "--fail-on broken,unused fails the run on either");
            }
        }
        return set;
    }

    @Override
    public Integer call() {
        ProjectSettings settings = settings(Optional.ofNullable(checks), Optional.empty(), Optional.empty());
        AuditRequest request = request(settings);
        if (fleet.active()) {
            Map<String, AuditReport> reports = new ConcurrentHashMap<>();
            int code = fleet.run(this, output, settings, "audit", false, (db, s, target, diagnostics) -> {
                AuditReport report = new AuditService(db, diagnostics).audit(request);
                reports.put(target.name(), report);
                return outcome(target.name(), report);
            });
            // JSON holds every schema's report already; text and Markdown get the index-by-schema view after
            if (output.output == null && !reports.isEmpty() && (output.format == dev.idxmig.output.ReportFormat.TEXT
                    || output.format == dev.idxmig.output.ReportFormat.MARKDOWN)) {
                AuditFleetText.write(AcrossSchemas.of(reports), output.format, console().out());
            }
            return code;
        }
        if (writeMigration) {
            AuditDropMigration.checkWritable(settings, dev.idxmig.db.Dialects.forUrl(settings.connection().jdbcUrl())
                    .id());
        }
        if (hypothetical && request.checks().isEmpty()) {
            throw IdxmigException.usage("--hypothetical needs a checks file: there is none at "
                    + settings.checksFile(), "write one (see docs/plan-check.md), or pass --checks FILE");
        }
        try (Database db = open(settings)) {
            AuditReport report = new AuditService(db, console()).audit(request);
            report.notes().forEach(n -> console().warn(n));
            if (writeMigration) {
                write(report, db, settings, request.checks());
            }
            output.write(report, console(), settings.workDir());
            if (!report.passed()) {
                return ExitCodes.PROBLEMS;
            }
            return report.partial() ? ExitCodes.PARTIAL : ExitCodes.OK;
        }
    }

    private void write(AuditReport report, Database db, ProjectSettings settings, Optional<ChecksFile> checksFile) {
        List<String> kept = new ArrayList<>();
        dev.idxmig.doctor.DoctorReport proposal = AuditDropMigration.proposal(report, db,
                window().orElse(AuditDropMigration.DEFAULT_WINDOW), kept);
        if (hypothetical) {
            proposal = new dev.idxmig.shadow.DropProof(db, console()).prove(proposal, checksFile.orElseThrow());
            proposal.checks().stream().flatMap(c -> c.findings().stream())
                    .filter(f -> f.severity() == dev.idxmig.base.Severity.WARNING)
                    .forEach(f -> kept.add(f.message()));
        }
        AuditDropMigration.Written written = AuditDropMigration.write(proposal, report, db, settings,
                java.time.Instant.now(), kept);
        written.kept().forEach(k -> console().info("kept " + k));
        if (written.migration().isEmpty()) {
            console().info("nothing to drop: no migration written");
            return;
        }
        Path base = settings.workDir().toAbsolutePath();
        console().info("wrote " + base.relativize(written.migration().get().toAbsolutePath()) + " ("
                + written.drops().size() + " DROP INDEX) and its undo script "
                + base.relativize(written.undo().get().toAbsolutePath()) + ": review them, then run idxmig migrate");
    }

    /** Everything read from files before the first connection: the checks, the bench runs, the replicas. */
    private AuditRequest request(ProjectSettings settings) {
        Optional<ChecksFile> file = Optional.empty();
        if (checks != null || Files.isRegularFile(settings.checksFile())) {
            file = Optional.of(ChecksFile.load(settings.checksFile()));
        }
        List<AuditRequest.BenchFile> runs = new ArrayList<>();
        bench.forEach(b -> runs.addAll(BenchFiles.load(settings.workDir().resolve(b))));
        List<AuditRequest.Replica> standbys = new ArrayList<>();
        for (String url : replicas) {
            ConnectionSettings replica = DatabaseUrls.parse(url);
            ConnectionSettings target = settings.connection();
            if (replica.user().isEmpty() && target.user().isPresent()) {
                replica = replica.withUser(target.user().get());
            }
            if (replica.password().isEmpty() && target.password().isPresent()) {
                replica = replica.withPassword(target.password().get());
            }
            standbys.add(new AuditRequest.Replica(replica.masker().mask(replica.jdbcUrl()), replica));
        }
        return new AuditRequest(file, runs, window(), verdicts(), mode, standbys);
    }

    private static TargetOutcome outcome(String target, AuditReport report) {
        List<String> parts = new ArrayList<>();
        report.counts().forEach((v, n) -> parts.add(n + " " + v.label()));
        String headline = report.indexes().size() + " indexes" + (parts.isEmpty() ? "" : ": "
                + String.join(", ", parts));
        return report.passed() ? TargetOutcome.ok(target, headline, report)
                : TargetOutcome.checked(target, report, dev.idxmig.base.Severity.ERROR);
    }
}
