package dev.idxmig.doctor;

import dev.idxmig.script.MigrationScript;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class DropMigrationTest {

    @Test
    void nextVersionIsOneAboveTheHighestMajorVersion() {
        assertEquals("1", DropMigration.nextVersion(List.of()));
        assertEquals("5", DropMigration.nextVersion(List.of(script("V2__a.sql"), script("V4_2__b.sql"),
                script("V3__c.sql"))));
        assertEquals("11", DropMigration.nextVersion(List.of(script("V10__a.sql"), script("V9__b.sql"))));
    }

    @Test
    void dropScriptGoesToTheDatabasesOwnFolderWhenThereIsOne() {
        List<Path> folders = List.of(Path.of("m/common"), Path.of("m/postgresql"));
        assertEquals(Path.of("m/postgresql"), DropMigration.folder(List.of("m/common", "m/{vendor}"), folders));
        assertEquals(Path.of("m/common"), DropMigration.folder(List.of("m/common", "m/other"), folders));
    }

    @Test
    void scriptSaysWhyAboveEachDrop() {
        DoctorReport report = new DoctorReport("doctor X, schema s", List.of(), List.of(
                new IndexDrop("s", "t", "i", "DROP INDEX IF EXISTS \"i\";", "duplicate of j (same definition)")));
        String sql = DropMigration.script(report, java.time.Instant.parse("2026-01-02T03:04:05.678Z"));
        assertTrue(sql.startsWith("-- Written by `idxmig doctor --write-migration` at 2026-01-02T03:04:05Z"));
        assertTrue(sql.endsWith("\n-- i on t: duplicate of j (same definition)\nDROP INDEX IF EXISTS \"i\";\n"),
                sql);
    }

    private static MigrationScript script(String name) {
        return MigrationScript.fromPath(Path.of(name)).orElseThrow();
    }
}
