package dev.idxmig.config;

import dev.idxmig.base.IdxmigException;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An existing Flyway project's own configuration, read when there is no idxmig.yaml: {@code flyway.toml} (and
 * {@code flyway.user.toml}) in the working directory, else the legacy {@code flyway.conf}, with the
 * {@code FLYWAY_*} environment variables over either, as Flyway layers them. Only the settings idxmig uses are
 * read; the password is kept as a {@link Secret}.
 *
 * @param source       what was read, for {@code --verbose}: file names, the environment, the variables
 * @param environments the environments flyway.toml defines (empty for flyway.conf)
 * @param environment  the environment read, if flyway.toml had the one asked for
 */
record FlywayProject(
        String source,
        List<String> environments,
        Optional<String> environment,
        Optional<String> url,
        Optional<String> user,
        Optional<Secret> password,
        List<String> schemas,
        List<String> locations,
        Optional<String> table,
        Optional<String> baselineVersion,
        Optional<Boolean> baselineOnMigrate,
        Optional<String> defaultSchema,
        Map<String, String> placeholders) {

    FlywayProject {
        environments = List.copyOf(environments);
        schemas = List.copyOf(schemas);
        locations = List.copyOf(locations);
        placeholders = Map.copyOf(placeholders);
    }

    static FlywayProject none(String source) {
        return from(new FlywayValues(), source, List.of(), Optional.empty());
    }

    /**
     * @param chosen the environment {@code --environment} names; a usage error unless flyway.toml defines it
     */
    static FlywayProject load(Environment env, Optional<String> chosen) {
        boolean toml = Files.exists(env.resolve(FlywayToml.FILE_NAME))
                || Files.exists(env.resolve(FlywayToml.USER_FILE_NAME));
        boolean conf = Files.exists(env.resolve(FlywayConf.FILE_NAME));
        if (chosen.isPresent() && !toml) {
            throw IdxmigException.usage("--environment " + chosen.get() + " names an environment of flyway.toml, but "
                    + env.workDir() + " has none",
                    "run idxmig in the Flyway project's folder, or leave --environment out");
        }
        FlywayValues fromVariables = FlywayConf.fromEnvironment(env);
        List<String> read = new ArrayList<>();
        FlywayValues values;
        List<String> environments = List.of();
        Optional<String> environment = Optional.empty();
        if (toml) {
            FlywayToml.Read r = FlywayToml.read(env, chosen);
            values = r.values();
            environments = r.environments();
            environment = r.environment();
            read.add(String.join(" and ", r.files()) + environment.map(e -> " (environment " + e + ")")
                    .orElse(r.environments().isEmpty() ? "" : " (no environment chosen; it has "
                            + String.join(", ", r.environments()) + ")"));
            if (conf) {
                read.add("not " + env.resolve(FlywayConf.FILE_NAME) + ": flyway.toml is read instead");
            }
        } else if (conf) {
            values = FlywayConf.read(env.resolve(FlywayConf.FILE_NAME), env);
            read.add(env.resolve(FlywayConf.FILE_NAME).toString());
        } else {
            values = new FlywayValues();
        }
        if (!fromVariables.isEmpty()) {
            read.add("FLYWAY_* environment variables");
        }
        String source = read.isEmpty() ? "no idxmig.yaml, no Flyway configuration; defaults"
                : "Flyway configuration: " + String.join("; ", read);
        return from(values.overlaidBy(fromVariables), source, environments, environment);
    }

    private static FlywayProject from(FlywayValues v, String source, List<String> environments,
                                      Optional<String> environment) {
        return new FlywayProject(source, environments, environment, v.get("url"), v.get("user"),
                v.get("password").map(Secret::of), v.list("schemas"), v.list("locations"), v.get("table"),
                v.get("baselineVersion"), v.bool("baselineOnMigrate", "Flyway configuration"),
                v.get("defaultSchema"), v.placeholders());
    }

    /** The schema Flyway keeps its history in: {@code defaultSchema}, else the first of {@code schemas}. */
    Optional<String> schema() {
        return defaultSchema.or(() -> schemas.stream().findFirst());
    }
}
