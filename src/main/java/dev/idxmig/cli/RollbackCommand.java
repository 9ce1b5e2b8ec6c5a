package dev.idxmig.cli;

import dev.idxmig.base.Problem;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.BuildSettings;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.base.Diagnostics;
import dev.idxmig.fleet.TargetOutcome;
import dev.idxmig.db.Database;
import dev.idxmig.rollback.RollbackOptions;
import dev.idxmig.rollback.RollbackReport;
import dev.idxmig.rollback.RollbackService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Optional;

@Command(name = "rollback", description = "Undo applied migrations, newest first: the undo script U<version>__*.sql "
        + "if there is one, else the inverse of what the index ledger recorded; then remove them from Flyway's "
        + "history so migrate applies them again.")
final class RollbackCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    // --target too: migrate's word for the same thing, which operators type here as well.
    @Option(names = {"--to", "--target"}, paramLabel = "VERSION",
            description = "Undo every migration above VERSION (0: all of them).")
    String to;

    @Option(names = "--steps", paramLabel = "N", description = "Undo the last N migrations (default: 1).")
    Integer steps;

    @Option(names = "--dry-run", description = "Print the exact SQL it would run; change nothing.")
    boolean dryRun;

    @Option(names = "--force", description = "Also undo migrations that changed more than indexes (or nothing the "
            + "ledger can see) and have no undo script: only their index changes are undone, the rest stays.")
    boolean force;

    @Mixin
    FleetOptions fleet;

    @Mixin
    OnlineOptions online;

    @Override
    void validateOptions() {
        request(to, steps, dryRun, force);
    }

    /**
     * The one place {@code --to} and {@code --steps} are checked, before any connection: the service takes the typed
     * request as it is.
     */
    static RollbackOptions request(String to, Integer steps, boolean dryRun, boolean force) {
        if (to != null && steps != null) {
            throw IdxmigException.usage("--to and --steps exclude each other", "give one or the other");
        }
        if (steps != null && steps < 1) {
            throw IdxmigException.usage("--steps must be 1 or more, not " + steps,
                    "--steps N undoes the last N migrations; --to 0 undoes all of them");
        }
        RollbackOptions.Reach reach = to != null ? new RollbackOptions.Reach.DownTo(version(to, "--to"))
                : steps != null ? new RollbackOptions.Reach.Steps(steps) : RollbackOptions.Reach.newest();
        return new RollbackOptions(reach, dryRun, force);
    }

    @Override
    public Integer call() {
        ProjectSettings settings = settings(Optional.empty(), online.lockTimeout(), online.statementTimeout());
        BuildSettings build = online.resolve(settings, root());
        RollbackOptions options = request(to, steps, dryRun, force);
        if (fleet.active()) {
            return fleet.run(this, output, settings, "rollback", !dryRun, (db, s, target, diagnostics) -> {
                RollbackReport report = rollback(db, s, build, options, diagnostics);
                if (report.problem().isPresent()) {
                    Problem p = report.problem().get();
                    return TargetOutcome.failed(target.name(), p.kind(), p.message(), Optional.<Object>of(report));
                }
                String headline = (dryRun ? "would undo " : "undid ") + report.steps().size() + ", "
                        + report.toVersion().map(v -> "at version " + v).orElse("all undone");
                return report.verification().map(v -> !v.passed()).orElse(false)
                        ? TargetOutcome.problems(target.name(), headline + "; verify found problems", report)
                        : TargetOutcome.ok(target.name(), headline, report);
            });
        }
        try (Database db = open(settings)) {
            RollbackReport report = rollback(db, settings, build, options, console());
            output.write(report, console(), settings.workDir());
            if (report.problem().isPresent()) {
                Problem p = report.problem().get();
                throw p.toException();
            }
            if (report.verification().map(v -> !v.passed()).orElse(false)) {
                console().error("the rollback ran, but verify found problems (see the report above)");
                return ExitCodes.PROBLEMS;
            }
            return ExitCodes.OK;
        }
    }

    private RollbackReport rollback(Database db, ProjectSettings settings, BuildSettings build,
                                    RollbackOptions options, Diagnostics diagnostics) {
        return new RollbackService(db, settings, build, diagnostics).rollback(options);
    }
}
