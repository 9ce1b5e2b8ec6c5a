package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code backup} and {@code restore} on SQLite: verified copies, faults, refusals. */
@Tag("sqlite")
class BackupSqliteCliTest {
    @TempDir
    Path dir;

    private Idxmig idxmig() {
        return Idxmig.in(dir);
    }

    private void migrated() {
        ExampleProject.copyTo(dir);
        CliResult r = idxmig().run("migrate", ExampleProject.SMALL, "--no-backup");
        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void backupWritesAVerifiedOwnerOnlyCopyAndIndexSnapshotIntoTheBackupsFolder() throws Exception {
        migrated();
        CliResult r = idxmig().run("backup");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("integrity_check: ok"), r::toString);
        assertTrue(r.stdout().contains("row counts match the source: 5 tables"), r::toString);
        List<Path> files = list(dir.resolve("backups"));
        assertEquals(2, files.size(), files::toString);
        for (Path f : files) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f::toString);
        }
        Path copy = files.stream().filter(f -> f.toString().endsWith(".db")).findFirst().orElseThrow();
        assertEquals(2000, count(copy, "worklogs"));
    }

    @Test
    void backupWhileAnotherConnectionWritesGivesAConsistentCopy() throws Exception {
        migrated();
        Path live = dir.resolve("idxmig.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + live); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE pairs_a (id INTEGER PRIMARY KEY, payload TEXT)");
            st.execute("CREATE TABLE pairs_b (id INTEGER PRIMARY KEY, payload TEXT)");
        }
        // The writer keeps one invariant in every transaction it commits: pairs_a and pairs_b have as many rows.
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong committed = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + live + "?busy_timeout=30000")) {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    while (!stop.get()) {
                        st.execute("INSERT INTO pairs_a (payload) VALUES (hex(randomblob(200)))");
                        st.execute("INSERT INTO pairs_b (payload) VALUES (hex(randomblob(200)))");
                        c.commit();
                        committed.incrementAndGet();
                        // Pacing, not waiting: a writer committing back to back starves readers in
                        // rollback-journal mode (their busy handler polls between its commits), which
                        // is a property of SQLite, not of the backup.
                        java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "writer");
        writer.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (committed.get() < 20 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(committed.get() >= 20, "the writer is writing");
            for (int i = 1; i <= 3; i++) {
                long before = committed.get();
                CliResult r = idxmig().run("backup", "--to", "copy" + i + ".db");
                assertEquals(0, r.exitCode(), r::toString);
                Path copy = dir.resolve("copy" + i + ".db");
                assertEquals(count(copy, "pairs_a"), count(copy, "pairs_b"), "copy " + i + " is one moment");
                assertEquals("ok", integrity(copy));
                assertTrue(count(copy, "pairs_a") >= before, "copy " + i + " has what was committed before it");
            }
        } finally {
            stop.set(true);
            writer.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertNull(failure.get(), () -> "writer failed: " + failure.get());
    }

    @Test
    void backupIntoAMissingFolderFailsClearlyAndLeavesNoFile() throws Exception {
        migrated();
        CliResult r = idxmig().run("backup", "--to", "nowhere/x.db");
        assertEquals(4, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("the folder " + dir.resolve("nowhere") + " does not exist"), r::toString);
        assertFalse(Files.exists(dir.resolve("nowhere")));
    }

    @Test
    void backupNeverOverwritesAFile() throws Exception {
        migrated();
        Files.writeString(dir.resolve("keep.db"), "precious");
        CliResult r = idxmig().run("backup", "--to", "keep.db");
        assertEquals(2, r.exitCode(), r::toString);
        assertEquals("precious", Files.readString(dir.resolve("keep.db")));
    }

    /** A real full disk: a 64 KiB tmpfs (needs root and mount rights; skipped with the reason otherwise). */
    @Test
    void backupOnAFullDiskFailsWithExit4AndLeavesNoHalfFile() throws Exception {
        migrated();
        Path tiny = Files.createDirectory(dir.resolve("tiny"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", tiny.toString())
                .redirectErrorStream(true).start();
        boolean mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
        assumeTrue(mounted, "cannot mount a tiny tmpfs here (needs root): "
                + new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        try {
            CliResult r = idxmig().run("backup", "--to", "tiny/full.db");
            assertEquals(4, r.exitCode(), r::toString);
            assertTrue(r.stderr().contains("SQLITE_FULL"), r::toString);
            assertTrue(r.stderr().contains("the partial file was removed"), r::toString);
            assertEquals(List.of(), list(tiny), "no half file, no temporary file");
        } finally {
            new ProcessBuilder("umount", tiny.toString()).start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void restoreReplacesTheDatabaseAndKeepsTheReplacedFileAside() throws Exception {
        migrated();
        assertEquals(0, idxmig().run("backup", "--to", "good.db").exitCode());
        Path live = dir.resolve("idxmig.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + live); Statement st = c.createStatement()) {
            st.execute("DELETE FROM worklogs WHERE id > 10");
        }
        CliResult dry = idxmig().run("restore", "--from", "good.db", "--dry-run");
        assertEquals(0, dry.exitCode(), dry::toString);
        assertTrue(dry.stdout().contains("would replace " + live), dry::toString);
        assertEquals(10, count(live, "worklogs"));

        CliResult r = idxmig().run("restore", "--from", "good.db");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(2000, count(live, "worklogs"));
        Path aside = list(dir).stream().filter(f -> f.getFileName().toString().startsWith("idxmig.db.before-restore-"))
                .findFirst().orElseThrow();
        assertEquals(10, count(aside, "worklogs"), "the replaced database is kept");
    }

    @Test
    void restoreRefusesAFileThatIsNotASqliteDatabaseOrIsDamagedBeforeReplacingAnything() throws Exception {
        migrated();
        Path live = dir.resolve("idxmig.db");
        byte[] before = Files.readAllBytes(live);
        Files.writeString(dir.resolve("notes.txt"), "not a database");
        CliResult text = idxmig().run("restore", "--from", "notes.txt");
        assertEquals(2, text.exitCode(), text::toString);
        assertTrue(text.stderr().contains("is not a SQLite database; nothing was replaced"), text::toString);

        assertEquals(0, idxmig().run("backup", "--to", "damaged.db").exitCode());
        byte[] damaged = Files.readAllBytes(dir.resolve("damaged.db"));
        for (int i = 4096; i < damaged.length; i += 7) {
            damaged[i] = (byte) 0x5a;
        }
        Files.write(dir.resolve("damaged.db"), damaged);
        CliResult corrupt = idxmig().run("restore", "--from", "damaged.db");
        assertEquals(2, corrupt.exitCode(), corrupt::toString);
        assertTrue(corrupt.stderr().contains("nothing was replaced"), corrupt::toString);
        assertArrayEquals(before, Files.readAllBytes(live));
    }

    @Test
    void restoreFromAnIndexSnapshotRebuildsMissingIndexesAndDropsNewOnes() throws Exception {
        migrated();
        CliResult backup = idxmig().run("backup", "--indexes-only", "--to", "indexes.sql");
        assertEquals(0, backup.exitCode(), backup::toString);
        Path live = dir.resolve("idxmig.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + live); Statement st = c.createStatement()) {
            st.execute("DROP INDEX idx_worklogs_user_range");
            st.execute("CREATE INDEX idx_new ON worklogs (billable)");
        }
        CliResult r = idxmig().run("restore", "--from", "indexes.sql", "--yes");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("ok  DROP INDEX IF EXISTS \"idx_new\";"), r::toString);
        assertTrue(r.stdout().contains("ok  CREATE INDEX idx_worklogs_user_range ON worklogs (company_id, author_email, "
                + "started);"), r::toString);
        assertEquals(1, count(live, "sqlite_schema WHERE name = 'idx_worklogs_user_range'"));
        assertEquals(0, count(live, "sqlite_schema WHERE name = 'idx_new'"));
        CliResult twice = idxmig().run("restore", "--from", "indexes.sql");
        assertTrue(twice.stdout().startsWith("Nothing to restore"), twice::toString);
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    private static long count(Path db, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String integrity(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
