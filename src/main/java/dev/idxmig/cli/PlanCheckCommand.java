package dev.idxmig.cli;

import dev.idxmig.checks.ChecksFile;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.fleet.TargetOutcome;
import dev.idxmig.db.Database;
import dev.idxmig.plan.PlanCheckMode;
import dev.idxmig.plan.PlanCheckOptions;
import dev.idxmig.plan.PlanCheckReport;
import dev.idxmig.plan.PlanCheckService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@Command(name = "plan-check",
        description = "EXPLAIN each query of the checks file and fail when its plan does not use the indexes it "
                + "was built for. Read-only: every check runs in a transaction that is rolled back.")
final class PlanCheckCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Mixin
    FailOnOption failOn;

    @Option(names = "--checks", paramLabel = "FILE",
            description = "Checks file (default: checks: in idxmig.yaml, else checks.yaml beside the migrations).")
    Path checks;

    @Option(names = "--check", paramLabel = "NAME", description = "Run only this check (repeatable).")
    List<String> only = new ArrayList<>();

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "chosen",
            description = "Verdict that fails a check: chosen (the planner picks the index) or usable (it picks it "
                    + "with full scans discouraged: sequential scans off on PostgreSQL, FORCE INDEX on MariaDB; not "
                    + "on SQLite). Default: ${DEFAULT-VALUE}.",
            converter = ModeConverter.class)
    PlanCheckMode mode = PlanCheckMode.CHOSEN;

    @Option(names = "--analyze",
            description = "Run ANALYZE on each check's tables first, so the planner has fresh statistics.")
    boolean analyze;

    @Option(names = "--hypothetical", description = "Plan the checks against the indexes pending migrations would "
            + "create or drop, without building them: PostgreSQL HypoPG hypothetical indexes on the target (read-only; "
            + "needs CREATE EXTENSION hypopg), SQLite a copy of the schema and its statistics.")
    boolean hypothetical;

    @Mixin
    FleetOptions fleet;

    @Override
    java.util.Set<dev.idxmig.output.ReportFormat> reportFormats() {
        return CHECK_FORMATS;
    }

    @Override
    public Integer call() {
        ProjectSettings settings = settings(Optional.ofNullable(checks), Optional.empty(), Optional.empty());
        ChecksFile file = ChecksFile.load(settings.checksFile());
        PlanCheckOptions options = new PlanCheckOptions(mode, analyze, only);
        if (hypothetical) {
            if (fleet.active() || analyze) {
                throw dev.idxmig.base.IdxmigException.usage("--hypothetical plans one target as it reads it; it "
                        + "does not go with " + (analyze ? "--analyze (which writes statistics)" : "fleet options"),
                        "run plan-check --hypothetical against one target, without --analyze");
            }
            try (Database db = open(settings)) {
                PlanCheckReport report = new dev.idxmig.shadow.HypotheticalPlanService(db, settings, console())
                        .check(file, options);
                output.write(report, console(), settings.workDir());
                return report.passed() ? ExitCodes.OK : ExitCodes.PROBLEMS;
            }
        }
        if (fleet.active()) {
            return fleet.run(this, output, settings, "plan-check", false, (db, s, target, diagnostics) ->
                    TargetOutcome.checked(target.name(), new PlanCheckService(db, diagnostics).check(file, options),
                            failOn.threshold()));
        }
        try (Database db = open(settings)) {
            PlanCheckReport report = new PlanCheckService(db, console())
                    .check(file, options);
            output.write(report, console(), settings.workDir());
            return failOn.exitCode(report, console());
        }
    }

    /** Lower-case mode names on the command line, as the help shows them. */
    static final class ModeConverter implements picocli.CommandLine.ITypeConverter<PlanCheckMode> {
        @Override
        public PlanCheckMode convert(String value) {
            for (PlanCheckMode m : PlanCheckMode.values()) {
                if (m.label().equalsIgnoreCase(value)) {
                    return m;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not chosen or usable");
        }
    }
}
