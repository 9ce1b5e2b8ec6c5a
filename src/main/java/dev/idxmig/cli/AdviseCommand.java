package dev.idxmig.cli;

import dev.idxmig.advise.AdviseReport;
import dev.idxmig.advise.AdviseRequest;
import dev.idxmig.advise.AdviseService;
import dev.idxmig.advise.WorkloadQuery;
import dev.idxmig.advise.Workloads;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.checks.ChecksFile;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.db.Dialects;
import dev.idxmig.fleet.TargetOutcome;
import dev.idxmig.output.ReportFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@Command(name = "advise", description = "Propose indexes from the workload (pg_stat_statements, a queries file, the "
        + "checks file): candidates read from the plans, each proven hypothetically before it is proposed; --write "
        + "writes them as migrations with their checks. Builds nothing.")
final class AdviseCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Option(names = "--queries", paramLabel = "FILE",
            description = "A file of queries, one SQL statement per entry separated by ';' (repeatable).")
    List<Path> queries = new ArrayList<>();

    @Option(names = "--checks", paramLabel = "FILE", description = "Checks file: every check's query is part of the "
            + "workload, and --write adds its checks there (default: the project's, created when missing).")
    Path checks;

    @Option(names = "--no-checks", description = "Leave the checks file's queries out of the workload.")
    boolean noChecks;

    @Option(names = "--no-stat-statements", description = "Leave pg_stat_statements out of the workload.")
    boolean noStatStatements;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20",
            description = "pg_stat_statements: the N statements with the most total time (default: ${DEFAULT-VALUE}).")
    int top = 20;

    @Option(names = "--min-calls", paramLabel = "N", defaultValue = "2",
            description = "pg_stat_statements: leave out statements run fewer times (default: ${DEFAULT-VALUE}).")
    long minCalls = 2;

    @Option(names = "--samples", paramLabel = "FILE", description = "Queries with real values for "
            + "pg_stat_statements' normalised ones ($1): a match is planned with them instead of a generic plan.")
    Path samples;

    @Option(names = "--min-gain", paramLabel = "PERCENT", defaultValue = "50", description = "Propose an index only "
            + "when it cuts the estimated cost of the queries it serves by this much (default: ${DEFAULT-VALUE}).")
    double minGain = 50;

    @Option(names = "--explain", description = "List every rejected candidate with the reason, and each query's plan.")
    boolean explain;

    @Option(names = "--write", description = "Write each proposal as the next migration (as 'idxmig new' does: "
            + "CONCURRENTLY and sidecar on PostgreSQL, undo script) and one check per query it serves.")
    boolean write;

    @Mixin
    FleetOptions fleet;

    @Override
    Set<ReportFormat> reportFormats() {
        return EnumSet.of(ReportFormat.TEXT, ReportFormat.JSON, ReportFormat.MARKDOWN);
    }

    @Override
    void validateOptions() {
        if (write && fleet.active()) {
            throw IdxmigException.usage("advise --write writes one project's migrations; it does not go with "
                    + "fleet options", "run advise over the fleet to see which schemas need what, then --write on one");
        }
        if (!(minGain > 0 && minGain <= 100)) {
            throw IdxmigException.usage("--min-gain " + minGain + " is not a share of cost",
                    "give a percentage above 0 and at most 100, e.g. --min-gain 50");
        }
        if (top < 1 || minCalls < 0) {
            throw IdxmigException.usage("--top must be at least 1 and --min-calls at least 0",
                    "e.g. --top 20 --min-calls 2");
        }
    }

    @Override
    public Integer call() {
        ProjectSettings settings = settings(Optional.ofNullable(checks), Optional.empty(), Optional.empty());
        String dialect = Dialects.forUrl(settings.connection().jdbcUrl()).id();
        List<WorkloadQuery> workload = new ArrayList<>();
        for (Path q : queries) {
            workload.addAll(Workloads.queriesFile(settings.workDir().resolve(q), settings.workDir()));
        }
        Path checksFile = settings.checksFile();
        // a --checks FILE that does not exist yet is where --write creates it; otherwise it must be there
        if (!noChecks && (Files.isRegularFile(checksFile) || checks != null && !write)) {
            workload.addAll(Workloads.checks(ChecksFile.load(checksFile), dialect, settings.workDir()));
        }
        List<WorkloadQuery> sampleQueries = samples == null ? List.of()
                : Workloads.queriesFile(settings.workDir().resolve(samples), settings.workDir());
        if (write) {
            dev.idxmig.advise.AdviseMigrations.refuseEarly(settings);
        }
        AdviseRequest request = new AdviseRequest(workload, !noStatStatements, top, minCalls, sampleQueries,
                minGain / 100, explain);
        if (fleet.active()) {
            // each schema's workload planned and proven on its own: a proposal for the schemas that need it
            return fleet.run(this, output, settings, "advise", false, (db, s, target, diagnostics) -> {
                AdviseReport report = new AdviseService(db, diagnostics).advise(request);
                return TargetOutcome.ok(target.name(), report.summary().substring("advise: ".length()), report);
            });
        }
        try (Database db = open(settings)) {
            AdviseReport report = new AdviseService(db, console()).advise(request);
            if (write) {
                report = dev.idxmig.advise.AdviseMigrations.write(db, settings, report, console());
            }
            output.write(report, console(), settings.workDir());
            return ExitCodes.OK;
        }
    }
}
