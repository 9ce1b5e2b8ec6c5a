package dev.idxmig.cli;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.Environment;
import dev.idxmig.config.FlywayOptions;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.config.SettingsResolver;
import dev.idxmig.db.Database;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * What every database command shares: the target options, settings resolution (which also teaches the console
 * the password to mask), and opening the database. Subcommands only parse their own flags and call a service.
 */
abstract class BaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    /** The settings the command resolved last, to name its target in a report that does not. */
    private ProjectSettings resolved;

    /** The target as a fleet run names it: the schema when one is set, else the database's name. */
    String targetName() {
        if (resolved == null) {
            return "default";
        }
        return resolved.schema().orElseGet(() -> {
            String url = resolved.connection().jdbcUrl();
            int q = url.indexOf('?');
            String path = q < 0 ? url : url.substring(0, q);
            return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf(':')) + 1);
        });
    }

    RootCommand root() {
        return (RootCommand) spec.root().userObject();
    }

    Console console() {
        return root().console();
    }

    Environment environment() {
        return root().environment();
    }

    ProjectSettings settings() {
        return settings(Optional.empty(), Optional.empty(), Optional.empty());
    }

    ProjectSettings settings(Optional<Path> checks, Optional<String> lockTimeout, Optional<String> statementTimeout) {
        ProjectSettings settings = SettingsResolver.resolve(target.overrides(checks, lockTimeout, statementTimeout),
                environment());
        resolved = settings;
        console().useMasker(settings.connection().masker());
        console().detail("config: " + settings.source());
        if (!settings.flyway().defaultTable()) {
            // Until the ledger, status, verify and rollback read the history from the named table, running Flyway
            // with it would apply every migration again into a new flyway_schema_history.
            throw IdxmigException.usage("a Flyway history table other than " + FlywayOptions.DEFAULT_TABLE
                    + " is not supported yet (table " + settings.flyway().table() + ")",
                    "leave --table out and remove table from the project's configuration");
        }
        console().detail("target: " + settings.connection().jdbcUrl()
                + settings.connection().user().map(u -> " as " + u).orElse(""));
        return settings;
    }

    Database open(ProjectSettings settings) {
        return Database.open(settings.connection(), settings.schema());
    }
}
