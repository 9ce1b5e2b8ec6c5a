package dev.idxmig.testing;

import dev.idxmig.config.ConnectionSettings;
import dev.idxmig.config.Environment;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.config.SettingsResolver;
import dev.idxmig.config.CliOverrides;
import dev.idxmig.db.Database;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The migrated example as service-level tests use it: its settings as the command line resolves them in the
 * project folder, and the database opened on them (the SQLite file, or a PostgreSQL database and schema).
 */
public final class ExampleServices {
    private ExampleServices() {
    }

    /** The settings of the project in {@code dir}, with no flags and an empty environment. */
    public static ProjectSettings settings(Path dir) {
        return SettingsResolver.resolve(CliOverrides.none(), new Environment(Map.of(), dir));
    }

    /** The same settings pointed at a PostgreSQL database and schema. */
    public static ProjectSettings settings(Path dir, PgDatabase db, String schema) {
        ProjectSettings s = settings(dir);
        return s.forTarget(new ConnectionSettings(db.jdbcUrl(), Optional.of(db.user()), Optional.empty()), schema,
                s.locations());
    }

    public static Database open(ProjectSettings settings) {
        return Database.open(settings.connection(), settings.schema());
    }
}
