package dev.idxmig.cli;

import dev.idxmig.adopt.BaselineReport;
import dev.idxmig.adopt.BaselineRequest;
import dev.idxmig.adopt.BaselineService;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.fleet.TargetOutcome;
import dev.idxmig.migrate.SchemaAdoption;
import dev.idxmig.output.ReportFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Optional;

@Command(name = "baseline", description = "Adopt an existing database: create the migration history with a "
        + "baseline version and record the indexes that stand as adopted. Refuses where a history exists.")
final class BaselineCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Option(names = "--baseline-version", paramLabel = "VERSION", description = "The version the existing schema "
            + "stands for; migrations above it stay pending (default: baseline_version in idxmig.yaml, "
            + "baselineVersion in flyway.toml, else 0).")
    String version;

    @Option(names = "--baseline-description", paramLabel = "TEXT",
            description = "Description of the baseline row (default: ${DEFAULT-VALUE}).",
            defaultValue = SchemaAdoption.DEFAULT_DESCRIPTION)
    String description;

    @Mixin
    FleetOptions fleet;

    @Override
    public Integer call() {
        ProjectSettings settings = settings();
        String baselineVersion = SchemaAdoption.checkVersion(Optional.ofNullable(version)
                .or(() -> settings.flyway().baselineVersion()).orElse(SchemaAdoption.DEFAULT_VERSION));
        BaselineRequest request = new BaselineRequest(baselineVersion, description);
        if (fleet.active()) {
            return fleet.run(this, output, settings, "baseline", false, (db, s, target, diagnostics) -> {
                BaselineReport report = new BaselineService(db, s, diagnostics).baseline(request);
                return TargetOutcome.ok(target.name(), report.headline(), report);
            });
        }
        try (Database db = open(settings)) {
            BaselineReport report = new BaselineService(db, settings, console()).baseline(request);
            if (output.format == ReportFormat.TEXT && output.output == null) {
                console().out().println("Adopted schema " + report.schema() + " of " + report.database() + ": "
                        + report.headline());
                console().out().println("  history table " + report.historyTable() + " created with baseline "
                        + report.version() + " (" + report.description() + ")");
                console().out().println("  next: 'idxmig status' lists the adopted indexes; 'idxmig migrate' "
                        + "applies the migrations above version " + report.version());
            } else {
                output.write(report, console(), settings.workDir());
            }
            return ExitCodes.OK;
        }
    }
}
