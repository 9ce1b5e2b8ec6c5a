package dev.idxmig.cli;

import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.migrate.RepairService;
import picocli.CommandLine.Command;

@Command(name = "repair", description = "Clear failed migrations from Flyway's history and accept edited checksums "
        + "(after you have cleaned up what a failed migration left).")
final class RepairCommand extends BaseCommand {
    @Override
    public Integer call() {
        ProjectSettings settings = settings();
        try (Database db = open(settings)) {
            new RepairService(db, settings, console()).repair().forEach(line -> console().out().println(line));
            return ExitCodes.OK;
        }
    }
}
