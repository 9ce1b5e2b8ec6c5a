package dev.idxmig.cli;

import dev.idxmig.config.ProjectSettings;
import dev.idxmig.fleet.TargetOutcome;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.db.Database;
import dev.idxmig.doctor.DoctorReport;
import dev.idxmig.doctor.DoctorService;
import dev.idxmig.doctor.DropMigration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

@Command(name = "doctor", description = {
        "Examine the live database's indexes: invalid, unused, duplicate and redundant ones, foreign keys "
                + "without an index, boolean keys, sizes and cache hit ratio.",
        "Exits 1 when a finding of error severity exists (an invalid index, a foreign key without an index)."})
final class DoctorCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Mixin
    FailOnOption failOn;

    // The other subcommands do not answer --help yet (the error hint suggests it); doctor does.
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--write-migration",
            description = "Also write the next versioned migration dropping the unused, duplicate and redundant "
                    + "indexes found, for you to review. It is never applied automatically.")
    boolean writeMigration;

    @Mixin
    FleetOptions fleet;

    @Override
    java.util.Set<dev.idxmig.output.ReportFormat> reportFormats() {
        return CHECK_FORMATS;
    }

    @Override
    public Integer call() {
        ProjectSettings settings = settings();
        if (fleet.active()) {
            if (writeMigration) {
                throw IdxmigException.usage("--write-migration writes one migration for one target",
                        "run doctor --write-migration on one schema or database at a time");
            }
            return fleet.run(this, output, settings, "doctor", false, (db, s, target, diagnostics) ->
                    TargetOutcome.checked(target.name(), new DoctorService(db, diagnostics).examine(),
                            failOn.threshold()));
        }
        try (Database db = open(settings)) {
            DoctorReport report = new DoctorService(db, console()).examine();
            if (writeMigration) {
                Optional<Path> file = DropMigration.write(report, db, settings, Instant.now());
                if (file.isPresent()) {
                    Path shown = settings.workDir().toAbsolutePath().relativize(file.get().toAbsolutePath());
                    console().info("wrote " + shown + " (" + report.drops().size()
                            + " DROP INDEX): review it, then run idxmig migrate");
                } else {
                    console().info("nothing to drop: no migration written");
                }
            }
            output.write(report, console(), settings.workDir());
            return failOn.exitCode(report, console());
        }
    }
}
