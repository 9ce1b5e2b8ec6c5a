package dev.idxmig.cli;

import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.status.StatusService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", description = "Show each migration and the current state of the indexes it changed.")
final class StatusCommand extends BaseCommand {
    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        ProjectSettings settings = settings();
        try (Database db = open(settings)) {
            output.write(new StatusService(db, settings).status(), console(), settings.workDir());
            return ExitCodes.OK;
        }
    }
}
