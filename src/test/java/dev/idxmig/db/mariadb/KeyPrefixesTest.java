package dev.idxmig.db.mariadb;

import dev.idxmig.db.mariadb.KeyPrefixes.Column;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which whole columns MariaDB cannot key whole, and what it builds instead, from their types alone. */
@Tag("unit")
class KeyPrefixesTest {
    private static Column varchar(String name, long chars, int bytesPerChar) {
        return new Column("notes", name, "varchar", Optional.of(chars * bytesPerChar), bytesPerChar);
    }

    @Test
    void aColumnThatFitsAKeyIsKeyedWhole() {
        assertEquals(Optional.empty(), KeyPrefixes.keyedBy(varchar("title", 768, 4)));
        assertEquals(Optional.empty(), KeyPrefixes.keyedBy(new Column("notes", "id", "int", Optional.empty(), 1)));
        assertEquals(Optional.empty(), KeyPrefixes.warning("i", false, List.of(varchar("title", 191, 4))));
    }

    @Test
    void aWideVarcharOrAnyTextIsKeyedByWhatFitsIn3072Bytes() {
        assertEquals(Optional.of(768L), KeyPrefixes.keyedBy(varchar("title", 2000, 4)));
        assertEquals(Optional.of(1024L), KeyPrefixes.keyedBy(varchar("title", 2000, 3)));
        assertEquals(Optional.of(768L), KeyPrefixes.keyedBy(new Column("notes", "body", "text", Optional.of(65535L), 4)));
        assertEquals(Optional.of(3072L), KeyPrefixes.keyedBy(new Column("notes", "data", "blob", Optional.of(65535L), 1)));
    }

    @Test
    void theWarningSaysWhatIsBuiltInsteadAndHowToSayIt() {
        String plain = KeyPrefixes.warning("notes_title", false, List.of(varchar("title", 2000, 4))).orElseThrow();
        assertEquals("MariaDB keys only a prefix in index notes_title: notes.title (VARCHAR(2000)): its first 768 "
                + "characters, wider than a key (3072 bytes); the index cannot sort by it or cover it. Write the "
                + "prefix you mean (col(100)), or index a narrower column", plain);
        String unique = KeyPrefixes.warning("notes_title_u", true, List.of(varchar("title", 2000, 4))).orElseThrow();
        assertTrue(unique.startsWith("MariaDB keeps UNIQUE index notes_title_u as a hidden hash of notes.title "
                + "(VARCHAR(2000)), wider than a key"), unique);
    }
}
