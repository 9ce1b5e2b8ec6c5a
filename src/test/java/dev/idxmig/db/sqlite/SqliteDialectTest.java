package dev.idxmig.db.sqlite;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("unit")
class SqliteDialectTest {
    @Test
    void canonicalDefinitionFoldsWhiteSpaceButNotInsideQuotes() {
        assertEquals("CREATE INDEX i ON t (a, b) WHERE s = 'two  spaces'",
                SqliteDialect.canonical("CREATE INDEX i ON t (\n   a ,\n  b\n) WHERE s = 'two  spaces'"));
    }
}
