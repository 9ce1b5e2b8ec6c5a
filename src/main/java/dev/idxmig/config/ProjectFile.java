package dev.idxmig.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.idxmig.base.IdxmigException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The project configuration file, {@code idxmig.yaml} in the working directory or {@code --config FILE}.
 * Every key is optional; an unknown key is a usage error with its line, never silently ignored.
 */
public record ProjectFile(
        @JsonProperty("url") String url,
        @JsonProperty("user") String user,
        @JsonProperty("password_env") String passwordEnv,
        @JsonProperty("password_file") String passwordFile,
        @JsonProperty("schema") String schema,
        @JsonProperty("locations") List<String> locations,
        @JsonProperty("checks") String checks,
        @JsonProperty("backups") Backups backups,
        @JsonProperty("lock_wait") String lockWait,
        @JsonProperty("lock_timeout") String lockTimeout,
        @JsonProperty("statement_timeout") String statementTimeout,
        @JsonProperty("placeholders") java.util.Map<String, String> placeholders,
        @JsonProperty("table") String table,
        @JsonProperty("baseline_version") String baselineVersion,
        @JsonProperty("baseline_on_migrate") Boolean baselineOnMigrate,
        @JsonProperty("lint") Lint lint,
        @JsonProperty("build") BuildSection build) {

    /** The {@code lint:} section: {@code disable: [rule-id, ...]} switches rules off for the project. */
    public record Lint(@JsonProperty("disable") List<String> disable) {
    }

    /**
     * The {@code backups:} key: the folder as a string ({@code backups: backups}), or a section with the folder and
     * how many automatic backups of each database to keep ({@code backups: {folder: backups, keep: 10}}).
     */
    public record Backups(@JsonProperty("folder") String folder, @JsonProperty("keep") Integer keep) {
        @com.fasterxml.jackson.annotation.JsonCreator(mode = com.fasterxml.jackson.annotation.JsonCreator.Mode.DELEGATING)
        static Backups folderOnly(String folder) {
            return new Backups(folder, null);
        }
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
        YAMLMapper mapper = YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        try {
            ProjectFile read = mapper.readValue(file.toFile(), ProjectFile.class);
            return read == null ? empty() : read;
        } catch (UnrecognizedPropertyException e) {
            int line = lineOfKey(file, e.getPropertyName())
                    .orElse(e.getLocation() == null ? 0 : e.getLocation().getLineNr());
            throw IdxmigException.usage(String.format("%s line %d: unknown key '%s'", file, line, e.getPropertyName()),
                    "known keys: url, user, password_env, password_file, schema, locations, checks, backups, "
                            + "lock_wait, lock_timeout, statement_timeout, placeholders, table, baseline_version, "
                            + "baseline_on_migrate, lint, build ("
                            + BuildSection.KEYS + ")");
        } catch (JacksonException e) {
            throw IdxmigException.usage(String.format("%s line %d: %s", file,
                            e.getLocation() == null ? 0 : e.getLocation().getLineNr(), e.getOriginalMessage()),
                    "fix the YAML syntax of the config file");
        }
    }

    /** Jackson points at the token after an unknown key; people want the key's own line. */
    private static Optional<Integer> lineOfKey(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            java.util.regex.Pattern keyLine = java.util.regex.Pattern.compile(
                    "^\\s*(-\\s*)?[\"']?" + java.util.regex.Pattern.quote(key) + "[\"']?\\s*:.*");
            for (int i = 0; i < lines.size(); i++) {
                if (keyLine.matcher(lines.get(i)).matches()) {
                    return Optional.of(i + 1);
                }
            }
        } catch (java.io.IOException ignored) {
            // fall back to Jackson's location
        }
        return Optional.empty();
    }

    /**
     * Index build settings ({@code build:} in idxmig.yaml), grouped so that safe-build keys stay together.
     * Values are text, read by {@link BuildSettings}.
     */
    public record BuildSection(
            @JsonProperty("wait") String buildWait,
            @JsonProperty("retries") String retries,
            @JsonProperty("maintenance_work_mem") String maintenanceWorkMem,
            @JsonProperty("max_parallel_maintenance_workers") String maxParallelMaintenanceWorkers,
            @JsonProperty("application_name") String applicationName,
            @JsonProperty("large_table") String largeTable,
            @JsonProperty("require_concurrent") Boolean requireConcurrent,
            @JsonProperty("repair_invalid") Boolean repairInvalid) {
        static final String KEYS = "wait, retries, maintenance_work_mem, max_parallel_maintenance_workers, "
                + "application_name, large_table, require_concurrent, repair_invalid";
    }

    Optional<String> opt(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
