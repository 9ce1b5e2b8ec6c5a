package dev.idxmig.backup;

import dev.idxmig.db.IndexInfo;
import dev.idxmig.base.IdxmigException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class IndexSnapshotFileTest {
    @TempDir
    Path dir;

    private static IndexInfo index(String name, String definition) {
        return new IndexInfo("public", "t", name, definition, "btree", false, false, true, true, OptionalLong.empty());
    }

    @Test
    void aSnapshotReadsBackTheNamesAndDefinitionsItWasWrittenWith() throws Exception {
        Path file = dir.resolve("s.indexes.sql");
        Files.writeString(file, IndexSnapshotFile.render("PostgreSQL 15", "public", List.of(
                index("idx_a", "CREATE INDEX idx_a ON public.t USING btree (a)"),
                index("Odd; name", "CREATE INDEX \"Odd; name\" ON public.t USING gin (to_tsvector('english'::regconfig, b))")),
                Instant.parse("2026-01-01T00:00:00Z")));
        assertTrue(IndexSnapshotFile.isSnapshot(file));
        IndexSnapshotFile.Snapshot read = IndexSnapshotFile.read(file);
        assertEquals("public", read.schema());
        assertEquals(List.of(new IndexSnapshotFile.Entry("idx_a", "CREATE INDEX idx_a ON public.t USING btree (a)"),
                new IndexSnapshotFile.Entry("Odd; name", "CREATE INDEX \"Odd; name\" ON public.t USING gin "
                        + "(to_tsvector('english'::regconfig, b))")), read.indexes());
    }

    @Test
    void aTruncatedSnapshotIsRefused() throws Exception {
        Path file = dir.resolve("cut.indexes.sql");
        String full = IndexSnapshotFile.render("SQLite", "main",
                List.of(index("idx_a", "CREATE INDEX idx_a ON t (a)")), Instant.now());
        Files.writeString(file, full.substring(0, full.length() - 4));
        assertThrows(IdxmigException.class, () -> IndexSnapshotFile.read(file));
        Files.writeString(file, "CREATE INDEX x ON t (a);\n");
        assertFalse(IndexSnapshotFile.isSnapshot(file));
    }
}
