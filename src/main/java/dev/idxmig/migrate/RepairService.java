package dev.idxmig.migrate;

import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.db.RunnerLock;
import dev.idxmig.base.Diagnostics;
import dev.idxmig.script.MigrationLocations;
import org.flywaydb.core.api.output.RepairResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Flyway's repair under idxmig's runner lock: removes failed history rows and realigns checksums. */
public final class RepairService {
    private final Database database;
    private final ProjectSettings settings;
    private final Diagnostics diagnostics;

    public RepairService(Database database, ProjectSettings settings, Diagnostics diagnostics) {
        this.database = database;
        this.settings = settings;
        this.diagnostics = diagnostics;
    }

    public List<String> repair() {
        MigrationLocations locations = MigrationLocations.of(settings, database.dialect().id());
        try (RunnerLock ignored = database.dialect().lockRunners(database, settings.lockWait())) {
            RepairResult result = FlywaySetup.create(database, locations, settings.placeholders(), Optional.empty(), diagnostics).repair();
            List<String> lines = new ArrayList<>();
            result.migrationsRemoved.forEach(m -> lines.add("removed failed migration " + m.version + " ("
                    + m.filepath + ") from history"));
            result.migrationsAligned.forEach(m -> lines.add("accepted the current checksum of " + m.version
                    + " (" + m.filepath + ")"));
            result.migrationsDeleted.forEach(m -> lines.add("marked missing migration " + m.version + " as deleted"));
            if (lines.isEmpty()) {
                lines.add("nothing to repair");
            }
            return lines;
        }
    }
}
