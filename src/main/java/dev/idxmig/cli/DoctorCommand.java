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

    @Option(names = "--hypothetical", description = "Plan every check of the checks file again without each index "
            + "doctor proposes to drop (HypoPG on PostgreSQL, a schema and statistics copy on SQLite); "
            + "--write-migration leaves out any index a check still needs and says which check.")
    boolean hypothetical;

    @Option(names = "--checks", paramLabel = "FILE", description = "Checks file for --hypothetical (default: checks: "
            + "in idxmig.yaml, else checks.yaml beside the migrations).")
    Path checks;

    @Mixin
    FleetOptions fleet;

    @Override
    java.util.Set<dev.idxmig.output.ReportFormat> reportFormats() {
        return CHECK_FORMATS;
    }

    @Override
    public Integer call() {
        ProjectSettings settings = settings(Optional.ofNullable(checks), Optional.empty(), Optional.empty());
        Optional<dev.idxmig.checks.ChecksFile> checksFile = hypothetical
                ? Optional.of(dev.idxmig.checks.ChecksFile.load(settings.checksFile())) : Optional.empty();
        if (fleet.active()) {
            if (writeMigration || hypothetical) {
                throw IdxmigException.usage("--write-migration and --hypothetical work on one target",
                        "run doctor --write-migration or --hypothetical on one schema or database at a time");
            }
            return fleet.run(this, output, settings, "doctor", false, (db, s, target, diagnostics) ->
                    TargetOutcome.checked(target.name(), new DoctorService(db, diagnostics).examine(),
                            failOn.threshold()));
        }
        try (Database db = open(settings)) {
            DoctorReport report = new DoctorService(db, console()).examine();
            if (checksFile.isPresent()) {
                report = new dev.idxmig.shadow.DropProof(db, console()).prove(report, checksFile.get());
            }
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
