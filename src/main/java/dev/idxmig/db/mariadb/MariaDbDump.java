package dev.idxmig.db.mariadb;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.JdbcUrl;
import dev.idxmig.db.BackupTool;
import dev.idxmig.db.Database;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Full copies of a MariaDB database with the server's own tool, {@code mariadb-dump} ({@code mysqldump} where only
 * that is installed), run as a separate process with its consistency option {@code --single-transaction}: one
 * snapshot of every InnoDB table, without locking them. The password goes to the child through {@code MYSQL_PWD} in
 * its environment, never on its command line (where {@code ps} would show it). A copy is checked by its last line,
 * which the tool writes only when it completed.
 */
final class MariaDbDump implements BackupTool {
    private static final List<String> TOOLS = List.of("mariadb-dump", "mysqldump");
    private static final String COMPLETED = "-- Dump completed";
    private static final long TOOL_TIMEOUT_HOURS = 24;

    @Override
    public boolean fullCopyBeforeMigrate() {
        return false;
    }

    @Override
    public String copyExtension(boolean schemaOnly) {
        return schemaOnly ? ".schema.sql" : ".sql";
    }

    /** Where the tool connects, taken from the JDBC URL. */
    static List<String> connection(String jdbcUrl, Optional<String> user) {
        JdbcUrl.Server server = JdbcUrl.of(jdbcUrl).server();
        List<String> args = new ArrayList<>(List.of("--host=" + server.host().orElse("localhost"),
                "--port=" + server.port().orElse("3306"), "--protocol=TCP"));
        user.ifPresent(u -> args.add("--user=" + u));
        return args;
    }

    @Override
    public List<String> copy(Database database, Path target, boolean schemaOnly) {
        String tool = tool();
        List<String> command = new ArrayList<>(List.of(tool, "--single-transaction", "--routines", "--triggers",
                "--events", "--result-file=" + target));
        if (schemaOnly) {
            command.add("--no-data");
        }
        command.addAll(connection(database.settings().jdbcUrl(), database.settings().user()));
        command.add(database.schema());
        Result run = run(database, command);
        if (run.exitCode() != 0) {
            throw IdxmigException.operation(tool + " failed (exit " + run.exitCode() + "): "
                            + database.masker().mask(run.stderr().strip()),
                    "check free space in " + target.toAbsolutePath().getParent() + " and the user's rights "
                            + "(SELECT, SHOW VIEW, TRIGGER, EVENT on the database)", null);
        }
        if (!isCopy(target) || !completed(target)) {
            throw IdxmigException.operation(tool + " wrote no complete dump to " + target + " (its last line is not '"
                    + COMPLETED + "')", "check free space and retry", null);
        }
        return List.of(tool + " --single-transaction" + (schemaOnly ? " --no-data" : "") + ": dump written",
                "it ends with '" + COMPLETED + "': the tool finished it");
    }

    private static String tool() {
        for (String tool : TOOLS) {
            try {
                Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return tool;
                }
            } catch (IOException e) {
                // not installed: try the next name
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw IdxmigException.operation("neither mariadb-dump nor mysqldump can be started",
                "install the MariaDB client tools (e.g. mariadb-client) and put them on PATH, or use --indexes-only",
                null);
    }

    private static boolean completed(Path file) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long length = f.length();
            byte[] tail = new byte[(int) Math.min(length, 256)];
            f.seek(length - tail.length);
            f.readFully(tail);
            return new String(tail, StandardCharsets.UTF_8).contains(COMPLETED);
        } catch (IOException e) {
            return false;
        }
    }

    record Result(int exitCode, String stderr) {
    }

    static Result run(Database database, List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.remove("MYSQL_PWD");
        database.settings().password().ifPresent(p -> env.put("MYSQL_PWD", p.reveal()));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try {
            Process process = pb.start();
            process.getOutputStream().close();
            String err;
            try (InputStream in = process.getErrorStream()) {
                err = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(TOOL_TIMEOUT_HOURS, TimeUnit.HOURS)) {
                process.destroyForcibly();
            }
            return new Result(process.exitValue(), err);
        } catch (IOException e) {
            throw IdxmigException.operation(command.get(0) + " failed: " + e.getMessage(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IdxmigException.operation(command.get(0) + " was interrupted", null, e);
        }
    }

    @Override
    public boolean isCopy(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            // recent tools write a sandbox-mode comment first (/*M!999999\- enable the sandbox mode */)
            String head = new String(in.readNBytes(256), StandardCharsets.UTF_8);
            return head.lines().limit(3).anyMatch(l -> l.startsWith("-- MariaDB dump") || l.startsWith("-- MySQL dump"));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public List<String> restoreCopy(Database database, Path file, boolean dryRun) {
        if (!isCopy(file)) {
            throw IdxmigException.usage(file + " is neither a mariadb-dump file nor an idxmig index snapshot",
                    "pass a .sql or .indexes.json file made by 'idxmig backup'");
        }
        List<String> command = new ArrayList<>(List.of("mariadb"));
        command.addAll(connection(database.settings().jdbcUrl(), database.settings().user()));
        command.add(database.schema());
        throw IdxmigException.usage("idxmig does not restore mariadb-dump files itself: the mariadb client does "
                + "that", "run (with the password in MYSQL_PWD): " + String.join(" ", command) + " < " + file);
    }
}
