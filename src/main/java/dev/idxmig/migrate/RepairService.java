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
            java.util.Map<String, String> scripts = scriptsByVersion(locations);
            RepairResult result = FlywaySetup.create(database, locations, settings.placeholders(), Optional.empty(), diagnostics).repair();
            List<String> lines = new ArrayList<>();
            // Flyway gives no file path for a removed failed row: the script is named from the history read before
            result.migrationsRemoved.forEach(m -> lines.add("removed failed migration " + m.version + " ("
                    + named(m.version, m.description, m.filepath, scripts) + ") from Flyway's history; what it left "
                    + "stands ('idxmig status' shows it, 'idxmig rollback' undoes it)"));
            result.migrationsAligned.forEach(m -> lines.add("accepted the current checksum of " + m.version
                    + " (" + named(m.version, m.description, m.filepath, scripts) + ")"));
            result.migrationsDeleted.forEach(m -> lines.add("marked missing migration " + m.version + " as deleted"));
            if (lines.isEmpty()) {
                lines.add("nothing to repair");
            }
            return lines;
        }
    }

    /** The migration's script: Flyway's path when it gives one, else the script of that version, else its words. */
    private static String named(String version, String description, String path, java.util.Map<String, String> scripts) {
        if (path != null && !path.isBlank()) {
            return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        }
        String script = scripts.get(version);
        if (script != null) {
            return script;
        }
        return description == null || description.isBlank() ? "no script found" : description;
    }

    private static java.util.Map<String, String> scriptsByVersion(MigrationLocations locations) {
        java.util.Map<String, String> byVersion = new java.util.HashMap<>();
        locations.versioned().forEach(s -> byVersion.put(s.version().toString(), s.fileName()));
        return byVersion;
    }
}
