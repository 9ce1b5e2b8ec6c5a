package dev.idxmig.cli;

import dev.idxmig.config.CliOverrides;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Which database and project a command works on. Shared by every command that connects. */
final class TargetOptions {
    @Option(names = "--url", paramLabel = "URL",
            description = "JDBC URL (jdbc:postgresql://host:5432/db, jdbc:sqlite:file.db) or postgres://user@host/db."
                    + " Default: IDXMIG_URL, DATABASE_URL, idxmig.yaml (else flyway.toml, flyway.conf, FLYWAY_URL),"
                    + " else jdbc:sqlite:idxmig.db.")
    String url;

    @Option(names = "--user", paramLabel = "USER", description = "Database user (default: IDXMIG_USER, the URL).")
    String user;

    @Option(names = "--password-env", paramLabel = "NAME",
            description = "Read the password from this environment variable (default: IDXMIG_PASSWORD, PGPASSWORD).")
    String passwordEnv;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from this file.")
    Path passwordFile;

    @Option(names = "--schema", paramLabel = "SCHEMA", description = "Schema to work in (default: public; SQLite: main).")
    String schema;

    @Option(names = "--locations", paramLabel = "DIR", split = ",",
            description = "Migration folders, comma-separated; {vendor} becomes postgresql, sqlite or mariadb "
                    + "(default: migrations).")
    List<String> locations = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "Project config file (default: ./idxmig.yaml).")
    Path config;

    @Option(names = "--environment", paramLabel = "NAME",
            description = "Without idxmig.yaml: the environment of the Flyway project's flyway.toml to use "
                    + "(default: environment in [flyway], else default).")
    String environment;

    @Option(names = "--table", paramLabel = "TABLE",
            description = "Flyway's history table (default: table in idxmig.yaml or Flyway's configuration, "
                    + "else flyway_schema_history).")
    String table;

    @Option(names = "--lock-wait", paramLabel = "DURATION",
            description = "How long to wait for another idxmig run to finish, e.g. 30s; a bare number is seconds "
                    + "(default: 60s).")
    String lockWait;

    // No mapFallbackValue: "-D worklog_rows" without "=value" is refused by picocli instead of running the migration
    // with an empty placeholder.
    @Option(names = "-D", paramLabel = "NAME=VALUE",
            description = "Set a Flyway placeholder used as $${NAME} in scripts, e.g. -Dworklog_rows=1000000.")
    Map<String, String> placeholders = new LinkedHashMap<>();

    CliOverrides overrides(Optional<Path> checks, Optional<String> lockTimeout, Optional<String> statementTimeout) {
        return new CliOverrides(Optional.ofNullable(url), Optional.ofNullable(user), Optional.ofNullable(passwordEnv),
                Optional.ofNullable(passwordFile), Optional.ofNullable(schema), locations, Optional.ofNullable(config),
                checks, Optional.ofNullable(lockWait), lockTimeout, statementTimeout, placeholders,
                Optional.ofNullable(environment), Optional.ofNullable(table));
    }
}
