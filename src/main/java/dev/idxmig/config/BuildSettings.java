package dev.idxmig.config;

import dev.idxmig.base.IdxmigException;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How idxmig runs index statements safely: session settings for migration connections, the separate wait budget
 * of concurrent builds, retries, and the risk policy. Resolved like {@link ProjectSettings}: flags, then
 * environment ({@code IDXMIG_BUILD_WAIT}, {@code IDXMIG_RETRIES}), then the {@code build:} section of
 * idxmig.yaml, then defaults.
 *
 * @param lockTimeout        PostgreSQL {@code lock_timeout}: how long a statement may wait to acquire a table lock
 * @param statementTimeout   PostgreSQL {@code statement_timeout}; 0 (off) by default, builds take what they take
 * @param buildWait          how long a concurrent build may wait for older transactions (0: no bound)
 * @param retries            retries after a lock timeout or deadlock (so tries = retries + 1)
 * @param maintenanceWorkMem {@code maintenance_work_mem} for builds, as PostgreSQL reads it; empty: the server's
 * @param parallelWorkers    {@code max_parallel_maintenance_workers}; empty: the server's
 * @param applicationName    {@code application_name}, what other sessions see in {@code pg_stat_activity}
 * @param largeTableBytes    a non-concurrent build on a table at least this big gets a warning
 * @param requireConcurrent  make that warning an error, before anything runs
 * @param repairInvalid      drop and rebuild an INVALID index that {@code IF NOT EXISTS} would silently keep
 * @param allowTableCopy     MariaDB: run an index statement that forces a table copy or a blocking lock
 *                           ({@code ALGORITHM=COPY}, {@code LOCK=SHARED|EXCLUSIVE}) as written instead of refusing it;
 *                           in a rollback, rebuild a FULLTEXT or SPATIAL index under {@code LOCK=SHARED}
 * @param softDrop           MariaDB: every index drop runs as {@code ALTER INDEX ... IGNORED} (a soft drop) instead
 * @param finishSoftDrops    MariaDB: drop for real, online, every index the ledger records as soft-dropped
 */
public record BuildSettings(
        Duration lockTimeout,
        Duration statementTimeout,
        Duration buildWait,
        int retries,
        Optional<String> maintenanceWorkMem,
        OptionalInt parallelWorkers,
        String applicationName,
        long largeTableBytes,
        boolean requireConcurrent,
        boolean repairInvalid,
        boolean allowTableCopy,
        boolean softDrop,
        boolean finishSoftDrops) {

    /** The settings without {@code allowTableCopy} and soft drops (off): as they were before MariaDB. */
    public BuildSettings(Duration lockTimeout, Duration statementTimeout, Duration buildWait, int retries,
                         Optional<String> maintenanceWorkMem, OptionalInt parallelWorkers, String applicationName,
                         long largeTableBytes, boolean requireConcurrent, boolean repairInvalid) {
        this(lockTimeout, statementTimeout, buildWait, retries, maintenanceWorkMem, parallelWorkers, applicationName,
                largeTableBytes, requireConcurrent, repairInvalid, false, false, false);
    }

    /** The same settings, with index statements that force a table copy allowed (or not). */
    public BuildSettings withAllowTableCopy(boolean allow) {
        return new BuildSettings(lockTimeout, statementTimeout, buildWait, retries, maintenanceWorkMem,
                parallelWorkers, applicationName, largeTableBytes, requireConcurrent, repairInvalid, allow, softDrop,
                finishSoftDrops);
    }

    /** The same settings, with index drops run as soft drops (or not), and soft drops finished (or not). */
    public BuildSettings withSoftDrops(boolean soft, boolean finish) {
        return new BuildSettings(lockTimeout, statementTimeout, buildWait, retries, maintenanceWorkMem,
                parallelWorkers, applicationName, largeTableBytes, requireConcurrent, repairInvalid, allowTableCopy,
                soft, finish);
    }

    public static final String DEFAULT_BUILD_WAIT = "30m";
    public static final int DEFAULT_RETRIES = 3;
    public static final String DEFAULT_LARGE_TABLE = "100MB";
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|kB|KB|MB|GB|TB)?", Pattern.CASE_INSENSITIVE);

    /** What the command line said; every field empty unless the flag was given. */
    public record Flags(Optional<String> buildWait, Optional<String> retries, Optional<String> maintenanceWorkMem,
                        Optional<String> parallelWorkers, Optional<String> applicationName,
                        Optional<String> largeTable, boolean requireConcurrent, boolean repairInvalid) {
        public static Flags none() {
            return new Flags(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), false, false);
        }
    }

    /**
     * Resolves from the flags, the environment and the {@code build:} section the project's settings were read with
     * (idxmig.yaml is read once per run, by {@link SettingsResolver}), in {@link Precedence}'s order.
     */
    public static BuildSettings resolve(ProjectSettings project, Environment env, Flags flags) {
        ProjectFile.BuildSection section = project.buildSection();
        Optional<String> none = Optional.empty();
        Duration wait = Durations.parse(Precedence.first(flags.buildWait(), env.get("IDXMIG_BUILD_WAIT"),
                opt(section.buildWait()), DEFAULT_BUILD_WAIT), "build wait");
        int retries = parseCount(Precedence.first(flags.retries(), env.get("IDXMIG_RETRIES"), opt(section.retries()),
                String.valueOf(DEFAULT_RETRIES)), "retries");
        Optional<String> memory = Precedence.first(flags.maintenanceWorkMem(), none, opt(section.maintenanceWorkMem()));
        memory.ifPresent(m -> parseSize(m, "maintenance_work_mem"));
        OptionalInt workers = Precedence.first(flags.parallelWorkers(), none,
                        opt(section.maxParallelMaintenanceWorkers()))
                .map(w -> OptionalInt.of(parseCount(w, "max_parallel_maintenance_workers")))
                .orElse(OptionalInt.empty());
        String application = Precedence.first(flags.applicationName(), none, opt(section.applicationName()),
                "idxmig");
        long large = parseSize(Precedence.first(flags.largeTable(), none, opt(section.largeTable()),
                DEFAULT_LARGE_TABLE), "large table threshold");
        return new BuildSettings(project.lockTimeout(), project.statementTimeout(), wait, retries, memory, workers,
                application, large,
                flags.requireConcurrent() || Boolean.TRUE.equals(section.requireConcurrent()),
                flags.repairInvalid() || Boolean.TRUE.equals(section.repairInvalid()));
    }

    /** Settings for code that runs no build of its own (tests, other commands): the documented defaults. */
    public static BuildSettings defaults(Duration lockTimeout, Duration statementTimeout) {
        return new BuildSettings(lockTimeout, statementTimeout, Durations.parse(DEFAULT_BUILD_WAIT, "build wait"),
                DEFAULT_RETRIES, Optional.empty(), OptionalInt.empty(), "idxmig",
                parseSize(DEFAULT_LARGE_TABLE, "large table threshold"), false, false);
    }

    private static int parseCount(String text, String what) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw IdxmigException.usage("cannot read " + what + " '" + text + "'", "write a whole number, 0 or more");
    }

    /** Sizes as PostgreSQL writes them: {@code 512MB}, {@code 1GB}, {@code 64kB}; a bare number is bytes. */
    static long parseSize(String text, String what) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            throw IdxmigException.usage("cannot read " + what + " '" + text + "'", "write it like 64kB, 512MB or 1GB");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
        switch (unit) {
            case "KB":
                return n << 10;
            case "MB":
                return n << 20;
            case "GB":
                return n << 30;
            case "TB":
                return n << 40;
            default:
                return n;
        }
    }

    private static Optional<String> opt(String value) {
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }
}
