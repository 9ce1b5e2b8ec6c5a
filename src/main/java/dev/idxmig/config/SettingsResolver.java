package dev.idxmig.config;

import dev.idxmig.base.IdxmigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves {@link ProjectSettings}: flags win over idxmig's environment variables, which win over the project
 * file, which wins over defaults. The project file is idxmig.yaml when it exists (or {@code --config}); else an
 * existing Flyway project's configuration ({@link FlywayProject}: flyway.toml, else flyway.conf, with the
 * {@code FLYWAY_*} variables over them) takes its place. The default target is an embedded SQLite file in the
 * working directory, so a first run needs no server.
 */
public final class SettingsResolver {
    public static final String DEFAULT_SQLITE_FILE = "idxmig.db";

    private SettingsResolver() {
    }

    /** Settings for a run that connects, reading no database's own password variable (tests, tools). */
    public static ProjectSettings resolve(CliOverrides cli, Environment env) {
        return resolve(cli, env, true, VendorPasswordVariables.NONE);
    }

    /**
     * The same, for a run that may not connect at all (lint offline with {@code --dialect}): there a missing URL is
     * not a guess to refuse, since no database is read or written.
     *
     * @param vendor the password variables of the URL's database ({@code PGPASSWORD}), as its dialect names them
     */
    public static ProjectSettings resolve(CliOverrides cli, Environment env, boolean connects,
                                          VendorPasswordVariables vendor) {
        Path ownFile = ProjectFile.location(cli.config(), env);
        boolean own = cli.config().isPresent() || Files.exists(ownFile);
        if (own && cli.environment().isPresent()) {
            throw IdxmigException.usage("--environment chooses an environment of flyway.toml, but idxmig reads "
                            + ownFile + " instead (idxmig.yaml wins over Flyway's files)",
                    "leave --environment out, or set the connection in " + ownFile.getFileName());
        }
        ProjectFile file = ProjectFile.load(cli.config(), env);
        FlywayProject flyway = own ? FlywayProject.none(ownSource(ownFile, env)) : FlywayProject.load(env,
                cli.environment());
        ConnectionSettings connection = connection(cli, env, file, flyway, connects, vendor);
        List<String> locations = !cli.locations().isEmpty() ? cli.locations()
                : file.locations() != null && !file.locations().isEmpty() ? file.locations()
                : !flyway.locations().isEmpty() ? flyway.locations() : List.of("migrations");
        Path checks = cli.checks().map(p -> env.workDir().resolve(p))
                .or(() -> file.opt(file.checks()).map(env::resolve))
                .orElse(env.resolve(withoutPrefix(locations.get(0)).replace("{vendor}", "")).resolve("checks.yaml")
                        .normalize());
        Path backups = Optional.ofNullable(file.backups()).flatMap(b -> file.opt(b.folder())).map(env::resolve)
                .orElse(env.resolve("backups"));
        Optional<Integer> keep = Optional.ofNullable(file.backups()).map(ProjectFile.Backups::keep);
        if (keep.map(k -> k < 0).orElse(false)) {
            throw IdxmigException.usage("backups.keep must be 0 (keep every backup) or more, not " + keep.get(),
                    "set backups: {keep: 10} in " + ProjectFile.location(cli.config(), env).getFileName());
        }
        FlywayOptions options = new FlywayOptions(
                Precedence.first(cli.table(), Optional.empty(), file.opt(file.table()).or(flyway::table),
                        FlywayOptions.DEFAULT_TABLE),
                file.opt(file.baselineVersion()).or(flyway::baselineVersion),
                Optional.ofNullable(file.baselineOnMigrate()).or(flyway::baselineOnMigrate).orElse(false),
                flyway.schemas());
        return new ProjectSettings(
                env.workDir(),
                connection,
                Precedence.first(cli.schema(), env.get("IDXMIG_SCHEMA"), file.opt(file.schema()).or(flyway::schema)),
                locations,
                checks,
                backups,
                Durations.parse(Precedence.first(cli.lockWait(), env.get("IDXMIG_LOCK_WAIT"),
                        file.opt(file.lockWait()), "60s"), "lock wait"),
                Durations.parse(Precedence.first(cli.lockTimeout(), env.get("IDXMIG_LOCK_TIMEOUT"),
                        file.opt(file.lockTimeout()), "5s"), "lock timeout"),
                Durations.parse(Precedence.first(cli.statementTimeout(), env.get("IDXMIG_STATEMENT_TIMEOUT"),
                        file.opt(file.statementTimeout()), "0"), "statement timeout"),
                placeholders(file, flyway, cli),
                file.lint() == null || file.lint().disable() == null ? Set.of() : Set.copyOf(file.lint().disable()),
                options,
                flyway.source(),
                keep,
                file.buildSection());
    }

    private static String ownSource(Path ownFile, Environment env) {
        boolean flywayFiles = Files.exists(env.resolve(FlywayToml.FILE_NAME))
                || Files.exists(env.resolve(FlywayConf.FILE_NAME));
        return (Files.exists(ownFile) ? "settings from " + ownFile : "no " + ownFile + "; defaults")
                + (flywayFiles ? " (Flyway's configuration files are not read when idxmig.yaml exists)" : "");
    }

    /** A Flyway location's folder, for the default checks file ({@code filesystem:sql} is the folder sql). */
    private static String withoutPrefix(String location) {
        return location.startsWith("filesystem:") ? location.substring("filesystem:".length()) : location;
    }

    private static Map<String, String> placeholders(ProjectFile file, FlywayProject flyway, CliOverrides cli) {
        Map<String, String> all = new LinkedHashMap<>(flyway.placeholders());
        if (file.placeholders() != null) {
            all.putAll(file.placeholders());
        }
        all.putAll(cli.placeholders());
        return all;
    }

    private static ConnectionSettings connection(CliOverrides cli, Environment env, ProjectFile file,
                                                 FlywayProject flyway, boolean connects,
                                                 VendorPasswordVariables vendor) {
        Optional<String> url = Precedence.first(cli.url(),
                env.get("IDXMIG_URL").or(() -> env.get("DATABASE_URL")),
                file.opt(file.url()).or(flyway::url));
        if (url.isEmpty() && flyway.environment().isEmpty() && !flyway.environments().isEmpty()) {
            // Falling back to the local SQLite file would migrate the wrong database without a word.
            throw IdxmigException.usage("flyway.toml defines the environments " + String.join(", ",
                            flyway.environments()) + " but none is chosen, and no URL is set",
                    "choose one with --environment NAME (or environment = \"NAME\" in [flyway])");
        }
        ConnectionSettings parsed = url
                .map(DatabaseUrls::parse)
                .orElseGet(() -> new ConnectionSettings("jdbc:sqlite:" + DEFAULT_SQLITE_FILE, Optional.empty(),
                        Optional.empty()));
        parsed = anchorSqlitePath(parsed, env);

        Optional<String> user = cli.user().or(() -> env.get("IDXMIG_USER")).or(parsed::user)
                .or(() -> file.opt(file.user())).or(flyway::user);
        Optional<Secret> password = password(cli, env, file, flyway, parsed, vendor);
        if (url.isEmpty() && connects) {
            refuseToGuess(cli, env);
        }
        return new ConnectionSettings(parsed.jdbcUrl(), user, password);
    }

    /**
     * No URL anywhere. The embedded SQLite default is for a first run on a laptop; in CI, or when credentials say
     * a server is meant, falling back to it would check or migrate a new empty file and report success.
     */
    private static void refuseToGuess(CliOverrides cli, Environment env) {
        Optional<String> why = env.get("CI").filter(v -> v.equalsIgnoreCase("true") || v.equals("1"))
                .map(v -> "CI=" + v + " is set")
                .or(() -> cli.user().map(u -> "--user is given"))
                .or(() -> cli.passwordEnv().map(p -> "--password-env is given"))
                .or(() -> cli.passwordFile().map(p -> "--password-file is given"))
                .or(() -> env.get("IDXMIG_USER").map(u -> "IDXMIG_USER is set"))
                .or(() -> env.get("IDXMIG_PASSWORD").map(p -> "IDXMIG_PASSWORD is set"));
        if (why.isPresent()) {
            throw IdxmigException.usage("no database URL given, and " + why.get() + ", so idxmig will not fall back "
                    + "to the local SQLite file " + DEFAULT_SQLITE_FILE, WHERE_URLS_COME_FROM);
        }
    }

    /** Where a URL can come from, in the order idxmig reads them. */
    public static final String WHERE_URLS_COME_FROM = "set the database with --url, IDXMIG_URL, DATABASE_URL, url in "
            + "idxmig.yaml, or url in flyway.toml (flyway.conf, FLYWAY_URL)";

    /** Whether the settings name the embedded default target, the SQLite file used when no URL is given. */
    public static boolean isDefaultTarget(ConnectionSettings connection, Environment env) {
        return connection.jdbcUrl().equals("jdbc:sqlite:" + env.resolve(DEFAULT_SQLITE_FILE));
    }

    private static Optional<Secret> password(CliOverrides cli, Environment env, ProjectFile file,
                                             FlywayProject flyway, ConnectionSettings parsed,
                                             VendorPasswordVariables vendor) {
        if (cli.passwordEnv().isPresent()) {
            String name = cli.passwordEnv().get();
            return Optional.of(env.get(name).map(Secret::of).orElseThrow(() -> IdxmigException.usage(
                    "--password-env names " + name + ", but that environment variable is not set or empty",
                    "export " + name + " before running idxmig, or name another variable")));
        }
        if (cli.passwordFile().isPresent()) {
            return Optional.of(readPasswordFile(env.workDir().resolve(cli.passwordFile().get())));
        }
        Optional<Secret> fromEnv = env.get("IDXMIG_PASSWORD")
                .or(() -> vendor.forUrl(parsed.url()).stream().map(env::get).flatMap(Optional::stream).findFirst())
                .map(Secret::of);
        if (fromEnv.isPresent() || parsed.password().isPresent()) {
            return fromEnv.or(parsed::password);
        }
        if (file.opt(file.passwordEnv()).isPresent()) {
            return env.get(file.passwordEnv()).map(Secret::of);
        }
        return file.opt(file.passwordFile()).map(p -> readPasswordFile(env.resolve(p))).or(flyway::password);
    }

    private static Secret readPasswordFile(Path path) {
        try {
            return Secret.of(Files.readString(path).strip());
        } catch (IOException e) {
            throw IdxmigException.usage("cannot read password file " + path + ": " + e.getClass().getSimpleName(),
                    "check the path and that the file is readable by this user");
        }
    }

    /** A relative SQLite path means relative to the working directory, not to wherever the JVM happens to run. */
    private static ConnectionSettings anchorSqlitePath(ConnectionSettings settings, Environment env) {
        JdbcUrl jdbc = settings.url();
        String url = jdbc.text();
        if (!jdbc.is("sqlite")) {
            return settings;
        }
        String path = jdbc.path();
        String file = path.startsWith("file:") ? path.substring("file:".length()) : path;
        if (file.isEmpty()) {
            throw IdxmigException.usage("the URL " + url + " names no database file (SQLite would open an empty "
                    + "database in memory)", "name the file, e.g. jdbc:sqlite:app.db");
        }
        if (file.startsWith(":memory:") || jdbc.query().map(q -> q.contains("mode=memory")).orElse(false)
                || path.contains("mode=memory")) {
            throw IdxmigException.usage("the URL " + url + " names an in-memory SQLite database, which starts empty "
                    + "and is gone when idxmig exits", "name a file, e.g. jdbc:sqlite:app.db");
        }
        if (path.startsWith("file:")) {
            return settings;
        }
        Path absolute = env.workDir().resolve(path).normalize();
        return new ConnectionSettings(jdbc.withPath(absolute.toString()), settings.user(), settings.password());
    }
}
