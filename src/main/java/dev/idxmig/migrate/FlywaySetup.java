package dev.idxmig.migrate;

import dev.idxmig.db.Database;
import dev.idxmig.base.Diagnostics;
import dev.idxmig.script.MigrationLocations;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import javax.sql.DataSource;
import java.util.Map;
import java.util.Optional;

/** Builds the one Flyway configuration idxmig uses for every command that needs Flyway itself. */
public final class FlywaySetup {
    private FlywaySetup() {
    }

    public static Flyway create(Database database, MigrationLocations locations, Map<String, String> placeholders,
                                Optional<String> target, Diagnostics diagnostics, Callback... callbacks) {
        return create(database, database.dataSource(), locations, placeholders, target, diagnostics, callbacks);
    }

    /** With the DataSource Flyway migrates through: {@code migrate} hands it one that runs index builds safely. */
    public static Flyway create(Database database, DataSource dataSource, MigrationLocations locations,
                                Map<String, String> placeholders, Optional<String> target, Diagnostics diagnostics,
                                Callback... callbacks) {
        FluentConfiguration config = configure(database, dataSource, locations, placeholders, diagnostics, callbacks);
        target.ifPresent(config::target);
        return config.load();
    }

    /**
     * Flyway set up to write the baseline row of an adoption: {@code version} and {@code description} as given
     * (Flyway's own default would be 1, which would skip a V1 in the folder).
     */
    public static Flyway forBaseline(Database database, MigrationLocations locations, Map<String, String> placeholders,
                                     String version, String description, Diagnostics diagnostics) {
        return configure(database, database.dataSource(), locations, placeholders, diagnostics)
                .baselineVersion(version).baselineDescription(description).load();
    }

    private static FluentConfiguration configure(Database database, DataSource dataSource,
                                                 MigrationLocations locations, Map<String, String> placeholders,
                                                 Diagnostics diagnostics, Callback... callbacks) {
        FlywayLog.install(diagnostics);
        FluentConfiguration config = Flyway.configure(FlywaySetup.class.getClassLoader())
                .loggers(FlywayLog.Creator.class.getName())
                .dataSource(dataSource)
                .locations(locations.flywayLocations())
                .resourceProvider(new MigrationResources(locations))
                .schemas(database.schema())
                .table(database.historyTable())
                .createSchemas(true)
                .validateMigrationNaming(true)
                .failOnMissingLocations(true)
                .cleanDisabled(true)
                // pending scripts are what migrate is for; verify reports them itself
                .ignoreMigrationPatterns("*:pending")
                .placeholders(placeholders)
                .callbacks(callbacks);
        database.dialect().configureFlyway(config);
        return config;
    }
}
