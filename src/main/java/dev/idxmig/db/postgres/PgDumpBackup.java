package dev.idxmig.db.postgres;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.JdbcUrl;
import dev.idxmig.db.BackupTool;
import dev.idxmig.db.Database;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL copies with {@code pg_dump -Fc}, run as a separate process: the server's own tool knows every object
 * type, and its archive is what {@code pg_restore} reads. The password goes to the child through
 * {@code PGPASSWORD} in its environment, never on its command line (where {@code ps} would show it).
 */
final class PgDumpBackup implements BackupTool {
    private static final byte[] MAGIC = "PGDMP".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern TOOL_VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)");
    private static final long TOOL_TIMEOUT_HOURS = 24;

    /** Where {@code pg_dump} connects, taken from the JDBC URL. */
    record Target(String host, String port, String database) {
        static Target of(String jdbcUrl) {
            JdbcUrl.Server server = JdbcUrl.of(jdbcUrl).server();
            return new Target(server.host().orElse("localhost"), server.port().orElse("5432"),
                    server.database().isEmpty() ? "postgres" : server.database());
        }

        List<String> args(Optional<String> user) {
            List<String> args = new ArrayList<>(List.of("--host", host, "--port", port));
            user.ifPresent(u -> args.addAll(List.of("--username", u)));
            args.addAll(List.of("--dbname", database));
            return args;
        }
    }

    @Override
    public boolean fullCopyBeforeMigrate() {
        return false;
    }

    @Override
    public String copyExtension(boolean schemaOnly) {
        return schemaOnly ? ".schema.dump" : ".dump";
    }

    @Override
    public List<String> copy(Database database, Path target, boolean schemaOnly) {
        int server = serverMajor(database);
        int tool = pgDumpMajor();
        if (tool < server) {
            throw IdxmigException.operation("pg_dump " + tool + " is older than the server (PostgreSQL " + server
                    + ") and cannot dump it", "install the client tools of PostgreSQL " + server
                    + " (e.g. postgresql-client-" + server + ") and put them first on PATH, or use --indexes-only",
                    null);
        }
        List<String> command = new ArrayList<>(List.of("pg_dump", "--format=custom", "--no-password",
                "--file", target.toString()));
        if (schemaOnly) {
            command.add("--schema-only");
        }
        command.addAll(Target.of(database.settings().jdbcUrl()).args(database.settings().user()));
        Result run = run(database, command);
        if (run.exitCode() != 0) {
            throw IdxmigException.operation("pg_dump failed (exit " + run.exitCode() + "): "
                            + database.masker().mask(run.stderr().strip()),
                    "check free space in " + target.toAbsolutePath().getParent() + " and the user's rights", null);
        }
        if (!isCopy(target)) {
            throw IdxmigException.operation("pg_dump wrote no archive to " + target, null, null);
        }
        // pg_restore --list reads the whole table of contents: a truncated archive fails here, not on restore day.
        Result list = run(database, List.of("pg_restore", "--list", target.toString()));
        if (list.exitCode() != 0) {
            throw IdxmigException.operation("the pg_dump archive " + target + " cannot be read back: "
                    + list.stderr().strip(), "check free space and retry", null);
        }
        long entries = list.stdout().lines().filter(l -> !l.isBlank() && !l.startsWith(";")).count();
        return List.of("pg_dump " + tool + (schemaOnly ? " --schema-only" : "") + ": archive written",
                "pg_restore --list reads it back: " + entries + " entries");
    }

    static int serverMajor(Database database) {
        try (Connection c = database.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1).strip()) / 10000;
        } catch (SQLException e) {
            throw IdxmigException.operation("cannot read the server version: " + e.getMessage(), null, e);
        }
    }

    static int pgDumpMajor() {
        Result version = run(null, List.of("pg_dump", "--version"));
        Matcher m = TOOL_VERSION.matcher(version.stdout());
        if (version.exitCode() != 0 || !m.find()) {
            throw IdxmigException.operation("cannot tell the version of pg_dump: " + version.stdout().strip(),
                    null, null);
        }
        return Integer.parseInt(m.group(1));
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    static Result run(Database database, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.remove("PGPASSWORD");
        if (database != null) {
            database.settings().password().ifPresent(p -> env.put("PGPASSWORD", p.reveal()));
            env.put("PGAPPNAME", "idxmig");
        }
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw IdxmigException.operation(command.get(0) + " cannot be started: " + e.getMessage(),
                    "install the PostgreSQL client tools of the server's version (e.g. postgresql-client) and "
                            + "put them on PATH, or use --indexes-only", e);
        }
        try {
            process.getOutputStream().close();
            // Read stderr on its own thread: a child blocked on a full pipe would never exit.
            StringBuilder err = new StringBuilder();
            Thread errReader = new Thread(() -> err.append(readAll(process.getErrorStream())), "pg-tool-stderr");
            errReader.start();
            String out = readAll(process.getInputStream());
            if (!process.waitFor(TOOL_TIMEOUT_HOURS, TimeUnit.HOURS)) {
                process.destroyForcibly();
            }
            errReader.join();
            return new Result(process.exitValue(), out, err.toString());
        } catch (IOException e) {
            process.destroyForcibly();
            throw IdxmigException.operation(command.get(0) + " failed: " + e.getMessage(), null, e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw IdxmigException.operation(command.get(0) + " was interrupted", null, e);
        }
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public boolean isCopy(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public List<String> restoreCopy(Database database, Path file, boolean dryRun) {
        if (!isCopy(file)) {
            throw IdxmigException.usage(file + " is neither a pg_dump archive nor an idxmig index snapshot",
                    "pass a .dump or .indexes.sql file made by 'idxmig backup'");
        }
        List<String> command = new ArrayList<>(List.of("pg_restore", "--clean", "--if-exists", "--no-owner"));
        command.addAll(Target.of(database.settings().jdbcUrl()).args(database.settings().user()));
        command.add(file.toString());
        throw IdxmigException.usage("idxmig does not restore pg_dump archives itself: pg_restore does that best",
                "run (with the password in PGPASSWORD): " + String.join(" ", command));
    }
}
