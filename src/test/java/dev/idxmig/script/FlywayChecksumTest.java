package dev.idxmig.script;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("unit")
class FlywayChecksumTest {
    @TempDir
    Path dir;

    @Test
    void isCrc32OfTheLinesWithoutLineBreaksOrByteOrderMark() throws Exception {
        // Expected value computed independently: zlib.crc32(b"CREATE TABLE t (x INT);SELECT 1;") as signed int.
        int expected = -388875567;
        assertEquals(expected, FlywayChecksum.of(Files.writeString(dir.resolve("a.sql"),
                "CREATE TABLE t (x INT);\nSELECT 1;\n")));
        assertEquals(expected, FlywayChecksum.of(Files.writeString(dir.resolve("b.sql"),
                "\uFEFFCREATE TABLE t (x INT);\r\nSELECT 1;")));
    }
}
