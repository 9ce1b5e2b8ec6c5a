package dev.idxmig.config;

import dev.idxmig.base.IdxmigException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** idxmig.yaml as written by people: every key's shape, and each mistake reported at its line. */
@Tag("unit")
class ProjectFileTest {
    @TempDir
    Path dir;

    private ProjectFile load(String yaml) throws IOException {
        Files.writeString(dir.resolve("idxmig.yaml"), yaml);
        return ProjectFile.load(Optional.empty(), new Environment(Map.of(), dir));
    }

    private String refused(String yaml) {
        return assertThrows(IdxmigException.class, () -> load(yaml)).getMessage();
    }

    @Test
    void everyKeyIsReadWithNumbersAndBooleansAsWritten() throws IOException {
        ProjectFile f = load("""
                # a comment
                url: jdbc:sqlite:app.db
                user: app
                locations:
                  - migrations/common
                  - migrations/{vendor}
                backups: {folder: saved, keep: 3}
                lock_timeout: 5s
                placeholders:
                  rows: 100000
                  ratio: 0.5
                  flag: true
                  empty:
                baseline_on_migrate: true
                lint:
                  disable: [require-concurrently]
                build:
                  retries: 7
                  repair_invalid: false
                """);
        assertEquals("jdbc:sqlite:app.db", f.url());
        assertEquals("app", f.user());
        assertEquals(List.of("migrations/common", "migrations/{vendor}"), f.locations());
        assertEquals(new ProjectFile.Backups("saved", 3), f.backups());
        assertEquals("5s", f.lockTimeout());
        assertEquals(Map.of("rows", "100000", "ratio", "0.5", "flag", "true", "empty", ""), f.placeholders());
        assertEquals(Boolean.TRUE, f.baselineOnMigrate());
        assertEquals(List.of("require-concurrently"), f.lint().disable());
        assertEquals("7", f.build().retries());
        assertEquals(Boolean.FALSE, f.build().repairInvalid());
        assertNull(f.schema());
    }

    @Test
    void backupsMayBeJustTheFolderAndLocationsJustOne() throws IOException {
        ProjectFile f = load("backups: saved\nlocations: migrations\n");
        assertEquals(new ProjectFile.Backups("saved", null), f.backups());
        assertEquals(List.of("migrations"), f.locations());
    }

    @Test
    void anEmptyFileOrEmptyValuesAreNoSettings() throws IOException {
        assertEquals(ProjectFile.empty(), load("# nothing yet\n"));
        assertNull(load("url:\nuser: ~\n").url());
    }

    @Test
    void mistakesNameTheFileTheLineAndTheKey() {
        String file = dir.resolve("idxmig.yaml").toString();
        assertEquals(file + " line 2: unknown key 'locatons'", refused("url: jdbc:sqlite:a.db\nlocatons: [m]\n"));
        assertEquals(file + " line 3: unknown key 'retry'", refused("url: x\nbuild:\n  retry: 2\n"));
        assertEquals(file + " line 3: key 'url' appears twice", refused("url: a\nuser: b\nurl: c\n"));
        assertEquals(file + " line 2: url must be a single value", refused("user: a\nurl: [a, b]\n"));
        assertEquals(file + " line 1: keep must be a whole number, not 'ten'", refused("backups: {keep: ten}\n"));
        assertEquals(file + " line 1: baseline_on_migrate must be true or false",
                refused("baseline_on_migrate: maybe\n"));
        assertEquals(file + " line 1: the file must be a mapping of keys to values", refused("- url: a\n"));
        String syntax = refused("url: a\nlocations: [m\n");
        assertTrue(syntax.startsWith(file + " line 3: "), syntax);
    }
}
