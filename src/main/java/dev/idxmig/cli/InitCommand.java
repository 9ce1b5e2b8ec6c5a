package dev.idxmig.cli;

import dev.idxmig.adopt.InitReport;
import dev.idxmig.adopt.InitRequest;
import dev.idxmig.adopt.ProjectInit;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import picocli.CommandLine.Command;

import java.nio.file.Path;
import java.util.Optional;

@Command(name = "init", description = "Start a project here: a commented idxmig.yaml and an empty migrations "
        + "folder. With --url (or DATABASE_URL), also say what the database holds and how to adopt it. "
        + "Never overwrites a file.")
final class InitCommand extends BaseCommand {
    @Override
    public Integer call() {
        Path workDir = environment().workDir();
        ProjectInit.plan(workDir); // refuses before anything is read or written
        boolean urlGiven = target.url != null || environment().get("IDXMIG_URL").isPresent()
                || environment().get("DATABASE_URL").isPresent();
        Optional<InitReport.Found> found = Optional.empty();
        Optional<String> url = Optional.empty();
        Optional<String> user = Optional.empty();
        if (urlGiven) {
            ProjectSettings settings = settings();
            // as typed (a relative SQLite path stays relative); postgres:// URLs carry passwords: the JDBC form then
            url = Optional.ofNullable(target.url).filter(dev.idxmig.config.JdbcUrl::isJdbc)
                    .or(() -> Optional.of(settings.connection().jdbcUrl()));
            user = settings.connection().user();
            try (Database db = open(settings)) {
                found = Optional.of(ProjectInit.inspect(db, settings));
            }
        }
        InitReport report = ProjectInit.write(new InitRequest(workDir, url, user), found);
        for (Path p : report.written()) {
            console().out().println("wrote " + workDir.relativize(p));
        }
        report.found().ifPresent(f -> {
            console().out().println("found in " + f.database() + ", schema " + f.schema() + ": " + f.tables()
                    + " tables, " + f.indexes() + " indexes, " + f.history().map(h -> "Flyway history in " + h
                    + f.version().map(v -> " at version " + v).orElse("")).orElse("no migration history"));
            console().out().println("next: " + f.next());
        });
        if (report.found().isEmpty()) {
            console().out().println("next: idxmig new \"first index\" --index \"TABLE (COLUMN)\", then idxmig migrate");
        }
        return ExitCodes.OK;
    }
}
