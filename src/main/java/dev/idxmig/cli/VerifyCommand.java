package dev.idxmig.cli;

import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.fleet.SchemaBatches;
import dev.idxmig.fleet.TargetOutcome;
import dev.idxmig.ledger.SchemaState;
import dev.idxmig.verify.VerifyOptions;
import dev.idxmig.verify.VerifyReport;
import dev.idxmig.verify.VerifyService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", description = "Prove every promised index exists, is valid and matches its definition, "
        + "the history matches the scripts and the data is intact. Exit 0 when all holds, 1 when not.")
final class VerifyCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Mixin
    FailOnOption failOn;

    @Option(names = "--deep", description = "Also check the migrations' B-tree indexes with amcheck (PostgreSQL).")
    boolean deep;

    @Option(names = "--fail-on-pending", description = "Pending migrations fail the check (CI before a deploy).")
    boolean failOnPending;

    @Option(names = "--strict", description = "An index adopted at the baseline that is gone, invalid or changed is "
            + "an error (default: a warning).")
    boolean strict;

    @Mixin
    FleetOptions fleet;

    @Override
    java.util.Set<dev.idxmig.output.ReportFormat> reportFormats() {
        return CHECK_FORMATS;
    }

    @Override
    public Integer call() {
        ProjectSettings settings = settings();
        VerifyOptions options = new VerifyOptions(deep, failOnPending, strict);
        if (fleet.active()) {
            return fleet.run(this, output, settings, "verify", false, targets -> {
                SchemaBatches<SchemaState> states = new SchemaBatches<>(targets, fleet.parallel,
                        (db, c, schemas) -> SchemaState.readAll(db, c, schemas, false));
                return (db, s, target, diagnostics) -> TargetOutcome.checked(target.name(),
                        new VerifyService(db, s, diagnostics).verify(options, states.take(db, target, diagnostics)),
                        failOn.threshold());
            });
        }
        try (Database db = open(settings)) {
            VerifyReport report = new VerifyService(db, settings, console())
                    .verify(options);
            output.write(report, console(), settings.workDir());
            return failOn.exitCode(report, console());
        }
    }
}
