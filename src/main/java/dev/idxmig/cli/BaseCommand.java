package dev.idxmig.cli;

import dev.idxmig.config.Environment;
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
        console().useMasker(settings.connection().masker());
        console().detail("config: " + settings.source());
        if (!settings.flyway().defaultTable()) {
            console().detail("history table: " + settings.flyway().table());
        }
        console().detail("target: " + settings.connection().jdbcUrl()
                + settings.connection().user().map(u -> " as " + u).orElse(""));
        return settings;
    }

    Database open(ProjectSettings settings) {
        return Database.open(settings.connection(), settings.schema()).withHistoryTable(settings.flyway().table());
    }
}
