package dev.idxmig.config;

import dev.idxmig.base.IdxmigException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The project configuration file, {@code idxmig.yaml} in the working directory or {@code --config FILE}.
 * Every key is optional; an unknown key is a usage error with its line, never silently ignored.
 */
public record ProjectFile(
        String url,
        String user,
        String passwordEnv,
        String passwordFile,
        String schema,
        List<String> locations,
        String checks,
        Backups backups,
        String lockWait,
        String lockTimeout,
        String statementTimeout,
        Map<String, String> placeholders,
        String table,
        String baselineVersion,
        Boolean baselineOnMigrate,
        Lint lint,
        BuildSection build) {

    /** The {@code lint:} section: {@code disable: [rule-id, ...]} switches rules off for the project. */
    public record Lint(List<String> disable) {
    }

    /**
     * The {@code backups:} key: the folder as a string ({@code backups: backups}), or a section with the folder and
     * how many automatic backups of each database to keep ({@code backups: {folder: backups, keep: 10}}).
     */
    public record Backups(String folder, Integer keep) {
        static final List<String> KEYS = List.of("folder", "keep");
    }

    public static final String DEFAULT_NAME = "idxmig.yaml";

    static ProjectFile empty() {
        return new ProjectFile(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    /** The file {@link #load} reads: the one {@code --config} names, else idxmig.yaml in the working directory. */
    static Path location(Optional<Path> chosen, Environment env) {
        return chosen.map(p -> env.workDir().resolve(p).normalize()).orElse(env.resolve(DEFAULT_NAME));
    }

    /** Reads the chosen file (which must exist), or the default one when it exists, or nothing. */
    static ProjectFile load(Optional<Path> chosen, Environment env) {
        Path file = location(chosen, env);
        if (!Files.exists(file)) {
            if (chosen.isPresent()) {
                throw IdxmigException.usage("config file not found: " + file, "check the --config path");
            }
            return empty();
        }
        return read(YamlMap.read(file).onlyKeys(KEYS, "known keys: " + String.join(", ", KEYS) + " (build: "
                + String.join(", ", BuildSection.KEYS) + ")"));
    }

    private static final List<String> KEYS = List.of("url", "user", "password_env", "password_file", "schema",
            "locations", "checks", "backups", "lock_wait", "lock_timeout", "statement_timeout", "placeholders", "table",
            "baseline_version", "baseline_on_migrate", "lint", "build");

    private static ProjectFile read(YamlMap yaml) {
        Backups backups = null;
        if (yaml.isSection("backups")) {
            YamlMap section = yaml.section("backups", Backups.KEYS, "backups: takes folder and keep");
            backups = new Backups(section.text("folder"), section.integer("keep"));
        } else if (yaml.has("backups")) {
            backups = new Backups(yaml.text("backups"), null);
        }
        YamlMap lint = yaml.section("lint", List.of("disable"), "lint: takes disable: [rule-id, ...]");
        YamlMap build = yaml.section("build", BuildSection.KEYS, "known keys of build: "
                + String.join(", ", BuildSection.KEYS));
        return new ProjectFile(yaml.text("url"), yaml.text("user"), yaml.text("password_env"),
                yaml.text("password_file"), yaml.text("schema"), yaml.texts("locations"), yaml.text("checks"), backups,
                yaml.text("lock_wait"), yaml.text("lock_timeout"), yaml.text("statement_timeout"),
                yaml.textMap("placeholders"), yaml.text("table"), yaml.text("baseline_version"),
                yaml.bool("baseline_on_migrate"), lint == null ? null : new Lint(lint.texts("disable")),
                build == null ? null : new BuildSection(build.text("wait"), build.text("retries"),
                        build.text("maintenance_work_mem"), build.text("max_parallel_maintenance_workers"),
                        build.text("application_name"), build.text("large_table"), build.bool("require_concurrent"),
                        build.bool("repair_invalid")));
    }

    /**
     * Index build settings ({@code build:} in idxmig.yaml), grouped so that safe-build keys stay together.
     * Values are text, read by {@link BuildSettings}.
     */
    public record BuildSection(
            String buildWait,
            String retries,
            String maintenanceWorkMem,
            String maxParallelMaintenanceWorkers,
            String applicationName,
            String largeTable,
            Boolean requireConcurrent,
            Boolean repairInvalid) {
        static final List<String> KEYS = List.of("wait", "retries", "maintenance_work_mem",
                "max_parallel_maintenance_workers", "application_name", "large_table", "require_concurrent",
                "repair_invalid");
    }

    /** The {@code build:} section, every key absent when the file has none. */
    BuildSection buildSection() {
        return build == null ? new BuildSection(null, null, null, null, null, null, null, null) : build;
    }

    Optional<String> opt(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
