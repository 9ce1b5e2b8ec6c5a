package dev.idxmig.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher's training run really migrates its throwaway project (else the archive holds half the classes). */
@Tag("sqlite")
class ArchiveTrainingTest {
    @TempDir
    Path dir;

    @Test
    void trainingMigratesTheThrowawayProjectAndReadsItBack() throws Exception {
        Files.createDirectory(dir.resolve("m"));
        Files.writeString(dir.resolve("m/V1__train.sql"), "CREATE TABLE t (x INT);\nCREATE INDEX t_x ON t (x);\n");
        Files.writeString(dir.resolve("idxmig.yaml"), "url: jdbc:sqlite:train.db\nlocations: [m]\n");

        ArchiveTraining.main(new String[] {dir.toString()});

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("train.db"));
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 't_x'")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
        }
    }
}
