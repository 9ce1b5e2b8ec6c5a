package dev.idxmig.cli;

import dev.idxmig.adopt.NewMigrationReport;
import dev.idxmig.adopt.NewMigrationRequest;
import dev.idxmig.adopt.NewMigrationService;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.db.Dialect;
import dev.idxmig.db.Dialects;
import dev.idxmig.ledger.SchemaVersion;
import dev.idxmig.script.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Optional;

@Command(name = "new", description = "Write the next migration V<n>__DESCRIPTION.sql in the first location; with "
        + "--index, its statement, an undo script and a plan check stub. Never overwrites a file.")
final class NewCommand extends BaseCommand {
    @Parameters(paramLabel = "DESCRIPTION", description = "What the migration does, e.g. \"orders by customer\".")
    String description;

    @Option(names = "--timestamp", description = "Version by the time (yyyyMMddHHmmss, UTC) instead of the next "
            + "number: no clashes between branches.")
    boolean timestamp;

    @Option(names = "--concurrently", negatable = true, description = "Build online, outside a transaction "
            + "(CREATE INDEX CONCURRENTLY and a .sql.conf sidecar); default on PostgreSQL.")
    Boolean concurrently;

    @Option(names = "--index", paramLabel = "\"TABLE (COLUMNS) [WHERE ...]\"",
            description = "The index to write, e.g. \"orders (customer_id, placed_at DESC) WHERE status = 'open'\".")
    String index;

    @Override
    public Integer call() {
        NewMigrationService.fileNamePart(description); // before anything is read
        ProjectSettings settings = settings();
        Dialect dialect = Dialects.forUrl(settings.connection().jdbcUrl());
        Optional<Version> applied = Optional.empty();
        if (dialect.targetExists(settings.connection())) {
            try (Database db = open(settings)) {
                applied = SchemaVersion.current(db);
            } catch (IdxmigException e) {
                console().warn("could not read the applied version (" + e.getMessage() + "): numbered after the "
                        + "files on disk");
            }
        }
        NewMigrationReport report = new NewMigrationService(settings, dialect.id(), dialect.indexScriptConfig(),
                console()).write(new NewMigrationRequest(description, timestamp, Optional.ofNullable(concurrently),
                Optional.ofNullable(index)), applied);
        Path workDir = settings.workDir();
        for (Path p : report.written()) {
            console().out().println("wrote " + (p.isAbsolute() && p.startsWith(workDir) ? workDir.relativize(p) : p));
        }
        report.notes().forEach(n -> console().out().println("note: " + n));
        return ExitCodes.OK;
    }
}
