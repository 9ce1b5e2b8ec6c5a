package dev.idxmig.adopt;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.migrate.SchemaAdoption;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code idxmig init}: a project in a folder that has none, a commented idxmig.yaml, an empty migrations folder with
 * a README line and an empty checks file. Never overwrites: where any of them exists, nothing is written.
 */
public final class ProjectInit {
    public static final String CONFIG = "idxmig.yaml";
    public static final String MIGRATIONS = "migrations";

    private ProjectInit() {
    }

    /** The files init would write, refused when one exists; call before connecting. */
    public static List<Path> plan(Path workDir) {
        List<Path> files = List.of(workDir.resolve(CONFIG), workDir.resolve(MIGRATIONS).resolve("README.md"),
                workDir.resolve(MIGRATIONS).resolve("checks.yaml"));
        List<String> existing = new ArrayList<>();
        for (Path p : files) {
            if (Files.exists(p)) {
                existing.add(workDir.relativize(p).toString());
            }
        }
        if (Files.exists(workDir.resolve("flyway.toml")) || Files.exists(workDir.resolve("flyway.conf"))) {
            existing.add(Files.exists(workDir.resolve("flyway.toml")) ? "flyway.toml" : "flyway.conf");
        }
        if (!existing.isEmpty()) {
            throw IdxmigException.usage("this folder has a project already (" + String.join(", ", existing)
                            + "); nothing was written",
                    "idxmig reads it as it is: run 'idxmig status'; init only starts a project in a folder that has "
                            + "none");
        }
        return files;
    }

    /** What the database holds (tables, indexes, a Flyway history) and the command that adopts it. */
    public static InitReport.Found inspect(Database database, ProjectSettings settings) {
        SchemaAdoption.State state = new SchemaAdoption(database, settings, dev.idxmig.base.Diagnostics.silent())
                .inspect();
        if (!state.history() && !state.otherHistories().isEmpty()) {
            // a Flyway history under another name: read the schema as that project sees it (the table written
            // into idxmig.yaml), so its history is not counted as a user table
            database = database.withHistoryTable(state.otherHistories().get(0));
            state = new SchemaAdoption(database, settings, dev.idxmig.base.Diagnostics.silent()).inspect();
        }
        int indexes = database.snapshot().size();
        Optional<String> history = state.history() ? Optional.of(state.historyTable()) : Optional.empty();
        String next = history.isPresent()
                ? "idxmig status   (then idxmig migrate for what is pending)"
                : state.tables() > 0 ? "idxmig baseline   (or idxmig migrate --baseline-on-migrate)"
                : "idxmig new \"first index\" --index \"TABLE (COLUMN)\"";
        return new InitReport.Found(database.productVersion(), database.schema(), state.tables(), indexes, history,
                state.current(), next);
    }

    public static InitReport write(InitRequest request, Optional<InitReport.Found> found) {
        List<Path> files = plan(request.workDir());
        try {
            Files.createDirectories(request.workDir().resolve(MIGRATIONS));
            create(files.get(0), config(request, found));
            create(files.get(1), "Migrations of this project: V<version>__<description>.sql, run in version order "
                    + "by 'idxmig migrate'; write the next one with 'idxmig new \"description\"'.\n");
            create(files.get(2), """
                    # Plan checks and benchmarks: the queries the indexes are for ('idxmig plan-check', 'idxmig bench').
                    # 'idxmig new ... --index ...' adds a stub here for each index it writes.
                    checks:
                    """);
        } catch (IOException e) {
            throw IdxmigException.usage("cannot write in " + request.workDir() + ": " + e.getMessage(),
                    "check that the folder is writable");
        }
        return new InitReport(files, found);
    }

    private static void create(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    }

    private static String config(InitRequest request, Optional<InitReport.Found> found) {
        StringBuilder sb = new StringBuilder("# idxmig project file (see 'idxmig --help' and README.md).\n"
                + "# Flags win over environment variables (IDXMIG_URL, DATABASE_URL, IDXMIG_USER, IDXMIG_PASSWORD),\n"
                + "# which win over this file. Passwords never go here: password_env or password_file.\n");
        Optional<String> url = request.url().filter(u -> !u.toLowerCase(java.util.Locale.ROOT).contains("password"));
        if (url.isPresent()) {
            sb.append("url: ").append(url.get()).append('\n');
        } else {
            sb.append("# url: jdbc:postgresql://localhost:5432/app   (default: jdbc:sqlite:idxmig.db)\n");
        }
        request.user().ifPresentOrElse(u -> sb.append("user: ").append(u).append('\n'),
                () -> sb.append("# user: app\n"));
        sb.append("# password_env: APP_DB_PASSWORD\n")
                .append("locations:\n  - ").append(MIGRATIONS).append('\n')
                .append("checks: ").append(MIGRATIONS).append("/checks.yaml\n")
                .append("# Flyway's history table, if the database has one under another name:\n");
        Optional<String> history = found.flatMap(InitReport.Found::history);
        if (history.isPresent() && !history.get().equals(dev.idxmig.db.InternalTables.FLYWAY_HISTORY)) {
            sb.append("table: ").append(history.get()).append('\n');
        } else {
            sb.append("# table: flyway_schema_history\n");
        }
        sb.append("# Adopt a schema that has tables but no history on the first migrate (per schema in fleet runs):\n")
                .append("# baseline_on_migrate: true\n")
                .append("# baseline_version: \"0\"\n");
        return sb.toString();
    }
}
