package dev.idxmig.cli;

import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.fleet.SchemaBatches;
import dev.idxmig.fleet.TargetOutcome;
import dev.idxmig.ledger.SchemaState;
import dev.idxmig.status.StatusReport;
import dev.idxmig.status.StatusService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", description = "Show each migration and the current state of the indexes it changed.")
final class StatusCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Mixin
    FleetOptions fleet;

    @Override
    public Integer call() {
        ProjectSettings settings = settings();
        if (fleet.active()) {
            return fleet.run(this, output, settings, "status", false, targets -> {
                SchemaBatches<SchemaState> states = new SchemaBatches<>(targets, fleet.parallel,
                        (db, c, schemas) -> SchemaState.readAll(db, c, schemas, true));
                return (db, s, target, diagnostics) -> outcome(target.name(),
                        new StatusService(db, s).status(states.take(db, target, diagnostics)));
            });
        }
        try (Database db = open(settings)) {
            output.write(new StatusService(db, settings).status(), console(), settings.workDir());
            return ExitCodes.OK;
        }
    }

    private static TargetOutcome outcome(String target, StatusReport report) {
        long pending = report.migrations().stream()
                .filter(m -> m.state() == StatusReport.MigrationState.PENDING).count();
        long unwell = report.migrations().stream().flatMap(m -> m.indexes().stream())
                .filter(i -> i.state().drifted()).count();
        String headline = report.schemaVersion().map(v -> "at version " + v).orElse("nothing applied")
                + ", " + pending + " pending" + (unwell > 0 ? ", " + unwell + " indexes not as recorded" : "");
        return TargetOutcome.ok(target, headline, report);
    }
}
