package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.ExampleSqlite;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.IdxmigProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Backup retention, {@code backup list} and the confirmation before a restore drops indexes, on SQLite. */
class HousekeepingSqliteCliTest {
    @TempDir
    Path dir;

    private Idxmig migrated() {
        ExampleProject.copyTo(dir);
        Idxmig idxmig = Idxmig.in(dir);
        CliResult r = idxmig.run("migrate", ExampleProject.SMALL, "--no-backup");
        assertEquals(0, r.exitCode(), r::toString);
        return idxmig;
    }

    @Test
    void automaticBackupsAreRotatedByKeepAndBackupsMadeWithToNeverAre() throws Exception {
        Idxmig idxmig = migrated();
        Files.createDirectories(dir.resolve("backups"));
        CliResult named = idxmig.run("backup", "--to", "backups/before-release.db");
        assertEquals(0, named.exitCode(), named::toString);
        for (int i = 0; i < 3; i++) {
            CliResult r = idxmig.run("backup", "--keep", "2");
            assertEquals(0, r.exitCode(), r::toString);
            if (i == 2) {
                assertTrue(r.stdout().contains("removed old automatic backup "), r::toString);
                assertTrue(r.stderr().contains("keeping the newest 2 automatic backups"), r::toString);
            }
        }
        List<String> files = names(dir.resolve("backups"));
        // two automatic backups (copy + snapshot each) and the named one (copy + snapshot)
        assertEquals(6, files.size(), files::toString);
        assertTrue(files.contains("before-release.db") && files.contains("before-release.db.indexes.json"),
                files::toString);

        CliResult list = idxmig.run("backup", "list");
        assertEquals(0, list.exitCode(), list::toString);
        assertTrue(list.stdout().startsWith("3 backups in "), list::toString);
        assertEquals(2, list.stdout().lines().filter(l -> l.contains("  automatic  ")).count(), list::toString);
        assertTrue(list.stdout().lines().anyMatch(l -> l.contains("  named  ")
                && l.contains("before-release.db + before-release.db.indexes.json")), list::toString);

        CliResult json = idxmig.run("backup", "list", "--format", "json");
        assertEquals(0, json.exitCode(), json::toString);
        assertTrue(json.stdout().contains("\"origin\" : \"named\""), json::toString);
        assertTrue(json.stdout().contains("\"keep\" : 10"), json::toString);
    }

    @Test
    void theProjectFileSetsTheRetentionOfMigratesAutomaticBackups() throws Exception {
        ExampleProject.copyTo(dir);
        Files.writeString(dir.resolve("idxmig.yaml"), Files.readString(dir.resolve("idxmig.yaml"))
                + "backups:\n  folder: saved\n  keep: 1\n");
        Idxmig idxmig = Idxmig.in(dir);
        assertEquals(0, idxmig.run("migrate", ExampleProject.SMALL, "--target", "2").exitCode());
        CliResult second = idxmig.run("migrate", ExampleProject.SMALL);
        assertEquals(0, second.exitCode(), second::toString);
        assertTrue(second.stderr().contains("removed backup "), second::toString);
        List<String> saved = names(dir.resolve("saved"));
        assertEquals(2, saved.size(), saved::toString);
        CliResult list = idxmig.run("backup", "list");
        assertTrue(list.stdout().startsWith("1 backup in "), list::toString);
        assertTrue(list.stdout().contains("the newest 1 automatic"), list::toString);

        Files.writeString(dir.resolve("idxmig.yaml"), Files.readString(dir.resolve("idxmig.yaml"))
                .replace("keep: 1", "keep: -1"));
        CliResult bad = idxmig.run("backup", "list");
        assertEquals(2, bad.exitCode(), bad::toString);
        assertTrue(bad.stderr().contains("backups.keep must be 0 (keep every backup) or more"), bad::toString);
    }

    @Test
    void anEmptyBackupsFolderIsSaidPlainly() {
        Idxmig idxmig = migrated();
        CliResult list = idxmig.run("backup", "list");
        assertEquals(0, list.exitCode(), list::toString);
        assertTrue(list.stdout().startsWith("No backups in "), list::toString);
    }

    @Test
    void restoreFromAnIndexSnapshotShowsWhatItDropsAndRefusesWithoutYesOffATerminal() throws Exception {
        Idxmig idxmig = migrated();
        assertEquals(0, idxmig.run("backup", "--indexes-only", "--to", "indexes.sql").exitCode());
        ExampleSqlite.execute(dir, "CREATE INDEX idx_extra ON worklogs (billable)");

        CliResult refused = idxmig.run("restore", "--from", "indexes.sql");
        assertEquals(2, refused.exitCode(), refused::toString);
        assertTrue(refused.stderr().contains("idx_extra on worklogs: not in the snapshot, dropped for good"),
                refused::toString);
        assertTrue(refused.stderr().contains("restore would drop 1 index (1 for good) and is not on a terminal"),
                refused::toString);
        assertTrue(refused.stderr().contains("hint: check the list above (or restore --dry-run), then run it again "
                + "with --yes"), refused::toString);
        assertEquals(1, ExampleSqlite.count(dir, "sqlite_schema WHERE name = 'idx_extra'"));

        CliResult dry = idxmig.run("restore", "--from", "indexes.sql", "--dry-run");
        assertEquals(0, dry.exitCode(), dry::toString);

        CliResult yes = idxmig.run("restore", "--from", "indexes.sql", "--yes");
        assertEquals(0, yes.exitCode(), yes::toString);
        assertEquals(0, ExampleSqlite.count(dir, "sqlite_schema WHERE name = 'idx_extra'"));

        // nothing to drop, nothing to ask
        ExampleSqlite.execute(dir, "DROP INDEX idx_worklogs_user_range");
        CliResult rebuild = idxmig.run("restore", "--from", "indexes.sql");
        assertEquals(0, rebuild.exitCode(), rebuild::toString);
        assertFalse(rebuild.stderr().contains("drops"), rebuild::toString);
    }

    @Test
    void restoreOnATerminalAsksBeforeDroppingAndDoesWhatTheAnswerSays() throws Exception {
        Idxmig idxmig = migrated();
        assertEquals(0, idxmig.run("backup", "--indexes-only", "--to", "indexes.sql").exitCode());
        ExampleSqlite.execute(dir, "CREATE INDEX idx_extra ON worklogs (billable)");

        Optional<CliResult> no = IdxmigProcess.runOnTerminal(dir, "no", "n\n", "restore", "--from", "indexes.sql");
        assumeTrue(no.isPresent(), "no util-linux script command here to give idxmig a terminal");
        assertEquals(0, no.get().exitCode(), no.get()::toString);
        assertTrue(no.get().stdout().contains("idx_extra on worklogs: not in the snapshot, dropped for good"),
                no.get()::toString);
        assertTrue(no.get().stdout().contains("drop it and restore? [y/N]"), no.get()::toString);
        assertTrue(no.get().stdout().contains("not restored: nothing was changed"), no.get()::toString);
        assertEquals(1, ExampleSqlite.count(dir, "sqlite_schema WHERE name = 'idx_extra'"));

        CliResult enter = IdxmigProcess.runOnTerminal(dir, "enter", "\n", "restore", "--from", "indexes.sql")
                .orElseThrow();
        assertTrue(enter.stdout().contains("not restored"), "N is the default:\n" + enter);
        assertEquals(1, ExampleSqlite.count(dir, "sqlite_schema WHERE name = 'idx_extra'"));

        CliResult yes = IdxmigProcess.runOnTerminal(dir, "yes", "y\n", "restore", "--from", "indexes.sql")
                .orElseThrow();
        assertEquals(0, yes.exitCode(), yes::toString);
        assertFalse(yes.stdout().contains("not restored"), yes::toString);
        assertEquals(0, ExampleSqlite.count(dir, "sqlite_schema WHERE name = 'idx_extra'"));
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
