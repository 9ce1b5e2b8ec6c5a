package dev.idxmig.backup;

import dev.idxmig.base.Failure;
import dev.idxmig.base.IdxmigException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Snapshot files as they are found on disk: earlier versions' SQL snapshots, damaged, foreign and future ones. */
@Tag("unit")
class SnapshotFilesTest {
    /** What idxmig 0.1 wrote for a backup made before migrate (with the origin line). */
    private static final String LEGACY = """
            -- idxmig index snapshot of schema public, PostgreSQL 15.8, 2026-11-02T09:15:03.120Z, 3 indexes
            -- idxmig backup: origin=automatic series=app copy=app-20261102T091503Z.dump
            -- Restore the index state with: idxmig restore --from THIS_FILE
            -- index: idx_a
            CREATE INDEX idx_a ON public.t USING btree (a);
            -- index: Odd; name
            CREATE INDEX "Odd; name" ON public.t USING gin (to_tsvector('english'::regconfig, b));
            -- index: t_case
            CREATE INDEX t_case ON public.t USING btree ((
            CASE
                WHEN (a > 0) THEN 1
                ELSE 2
            END));
            """;

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void anEarlierVersionsSqlSnapshotStillReadsWithItsHeaderAndEveryDefinition() throws Exception {
        Path file = write("app-20261102T091503Z.indexes.sql", LEGACY);
        assertEquals(IndexSnapshotFile.Format.LEGACY, IndexSnapshotFile.format(file));
        IndexSnapshot read = IndexSnapshotFile.read(file);
        assertEquals(new SnapshotHeader(1, Optional.empty(), "PostgreSQL 15.8", "public",
                Optional.of(Instant.parse("2026-11-02T09:15:03.120Z")), 3,
                Optional.of(SnapshotHeader.Origin.automatic("app", Optional.of("app-20261102T091503Z.dump")))),
                read.header());
        assertEquals(List.of("idx_a", "Odd; name", "t_case"), read.indexes().stream().map(SnapshotIndex::name)
                .toList());
        assertEquals("CREATE INDEX \"Odd; name\" ON public.t USING gin (to_tsvector('english'::regconfig, b))",
                read.indexes().get(1).definition());
        // the old writer put a multi-line definition as it was; the reader takes it whole, up to the next entry
        assertEquals("CREATE INDEX t_case ON public.t USING btree ((\nCASE\n    WHEN (a > 0) THEN 1\n    ELSE 2\nEND))",
                read.indexes().get(2).definition());
        assertTrue(read.indexes().stream().allMatch(SnapshotIndex::restorable));
        assertEquals(Optional.of(read.header()), IndexSnapshotFile.header(file));
    }

    @Test
    void anEarlierVersionsSnapshotWithoutAnOriginIsNamedAndNeverRotated() throws Exception {
        Path file = write("old.indexes.sql", """
                -- idxmig index snapshot of schema main, SQLite 3.46.0, 2026-01-01T00:00:00Z, 1 indexes
                -- Restore the index state with: idxmig restore --from THIS_FILE
                -- index: idx_a
                CREATE INDEX idx_a ON t (a);
                """);
        SnapshotHeader header = IndexSnapshotFile.header(file).orElseThrow();
        assertFalse(header.automatic());
        assertEquals(Optional.empty(), header.origin());
        assertEquals("SQLite 3.46.0", header.database());
        assertEquals(1, IndexSnapshotFile.read(file).indexes().size());
    }

    @Test
    void backupListAndRotationTakeEarlierAndCurrentSnapshotsAlike() throws Exception {
        write("app-20261102T091503Z.indexes.sql", LEGACY);
        write("app-20261102T091503Z.dump", "archive");
        IndexSnapshot current = new IndexSnapshot(new SnapshotHeader(SnapshotCodec.VERSION, Optional.of("postgresql"),
                "PostgreSQL 15.8", "public", Optional.of(Instant.parse("2026-12-07T18:00:00Z")), 0,
                Optional.of(SnapshotHeader.Origin.automatic("app", Optional.empty()))), List.of());
        Files.write(dir.resolve("app-20261207T180000Z.indexes.json"), SnapshotCodec.encode(current));

        List<StoredBackup> listed = new BackupFolder(dir).list();
        assertEquals(List.of("app-20261207T180000Z.indexes.json", "app-20261102T091503Z.indexes.sql"),
                listed.stream().map(b -> Path.of(b.snapshot()).getFileName().toString()).toList());
        assertEquals(Optional.of(dir.resolve("app-20261102T091503Z.dump").toString()), listed.get(1).copy());
        assertTrue(listed.stream().allMatch(StoredBackup::automatic));

        List<String> removed = new BackupFolder(dir).prune("app", "public", 1, dev.idxmig.base.Diagnostics.silent());
        assertEquals(2, removed.size(), removed::toString);
        assertFalse(Files.exists(dir.resolve("app-20261102T091503Z.indexes.sql")));
        assertFalse(Files.exists(dir.resolve("app-20261102T091503Z.dump")));
        assertTrue(Files.exists(dir.resolve("app-20261207T180000Z.indexes.json")));
    }

    @Test
    void aTruncatedEarlierSnapshotIsRefusedNamingTheIndex() throws Exception {
        Path file = write("cut.indexes.sql", LEGACY.substring(0, LEGACY.indexOf("USING btree (a);") + 10));
        IdxmigException e = assertThrows(IdxmigException.class, () -> IndexSnapshotFile.read(file));
        assertEquals(Failure.USAGE, e.failure());
        assertTrue(e.getMessage().contains(file + " line 4: the definition of idx_a does not end with ';'"),
                e::getMessage);
    }

    @Test
    void snapshotsThatCannotBeUsedAreRefusedNamingTheFileAndWhatIsWrong() throws Exception {
        String good = new String(SnapshotCodec.encode(snapshot(2, "CREATE INDEX i ON t (a)")), StandardCharsets.UTF_8);
        assertRefused(write("cut.indexes.json", good.substring(0, good.length() / 2)),
                "cannot be read as an index snapshot: it is not complete JSON (line ");
        assertRefused(write("edited.indexes.json", good.replace("\"count\" : 1,", "\"count\" : 1")),
                "it is not complete JSON");
        assertRefused(write("future.indexes.json", good.replace("\"formatVersion\" : 2", "\"formatVersion\" : 3")),
                "is an index snapshot of format version 3, written by a newer idxmig; this one reads versions 1 to 2");
        assertRefused(write("count.indexes.json", good.replace("\"count\" : 1", "\"count\" : 2")),
                "is a damaged index snapshot: its header counts 2 indexes but it holds 1");
        assertRefused(write("nodef.indexes.json", good.replace("\"definition\" : ", "\"definitio\" : ")),
                "is a damaged index snapshot: indexes[0] has no \"definition\" text");
        assertRefused(write("other.json", "{\"format\": \"something else\"}"), "is not an idxmig index snapshot");
        assertRefused(write("empty.indexes.json", ""), "is not an idxmig index snapshot: it is empty");
        assertTrue(IndexSnapshotFile.isSnapshot(dir.resolve("empty.indexes.json")), "a snapshot's name: refused as one");
    }

    @Test
    void aSnapshotThatDoesNotReadBackAsWrittenFailsTheBackupWithExitCode4() throws Exception {
        IndexSnapshot written = snapshot(2, "CREATE INDEX i ON t ((CASE WHEN a > 0 THEN 1 ELSE 2 END))");
        Path cut = write("cut.part", new String(SnapshotCodec.encode(written), StandardCharsets.UTF_8)
                .substring(0, 200));
        IdxmigException e = assertThrows(IdxmigException.class, () -> BackupService.readBack(cut, written));
        assertEquals(Failure.OPERATION, e.failure());
        assertTrue(e.getMessage().startsWith("the index snapshot does not read back: "), e::getMessage);
        assertTrue(e.hint().orElseThrow().contains("check the disk"), e::toString);
        assertTrue(e.hint().orElseThrow().contains("--stacktrace"), e::toString);

        Path other = write("other.part", new String(SnapshotCodec.encode(snapshot(2, "CREATE INDEX i ON t (b)")),
                StandardCharsets.UTF_8));
        IdxmigException differs = assertThrows(IdxmigException.class, () -> BackupService.readBack(other, written));
        assertEquals(Failure.OPERATION, differs.failure());
        assertEquals("the index snapshot does not read back as written: index i differs", differs.getMessage());
    }

    private static IndexSnapshot snapshot(int version, String definition) {
        return new IndexSnapshot(new SnapshotHeader(version, Optional.of("sqlite"), "SQLite 3.50.4", "main",
                Optional.of(Instant.parse("2026-12-07T18:00:00Z")), 1,
                Optional.of(SnapshotHeader.Origin.named("app", Optional.empty()))),
                List.of(new SnapshotIndex("main", "t", "i", definition, true, true, Optional.empty())));
    }

    private static void assertRefused(Path file, String expected) {
        IdxmigException e = assertThrows(IdxmigException.class, () -> IndexSnapshotFile.read(file));
        assertEquals(Failure.USAGE, e.failure(), e::getMessage);
        assertTrue(e.getMessage().startsWith(file.toString()), e::getMessage);
        assertTrue(e.getMessage().contains(expected), e::getMessage);
        assertTrue(e.hint().isPresent(), e::getMessage);
    }
}
