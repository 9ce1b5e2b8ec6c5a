package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A ledger written before the constraint columns existed is read as it is and gets them on the next migrate. */
@Tag("sqlite")
class LedgerUpgradeSqliteCliTest {
    @TempDir
    Path dir;

    @Test
    void aLedgerWithoutConstraintColumnsIsReadAndUpgradedByTheNextMigrate() throws Exception {
        ExampleProject.copyTo(dir);
        Idxmig idxmig = Idxmig.in(dir);
        assertEquals(0, idxmig.run("migrate", ExampleProject.SMALL, "--target", "3").exitCode());
        String url = "jdbc:sqlite:" + dir.resolve("idxmig.db");
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE idxmig_index_ledger DROP COLUMN constraint_definition");
            st.execute("ALTER TABLE idxmig_index_ledger DROP COLUMN previous_constraint_definition");
        }
        CliResult status = idxmig.run("status");
        assertEquals(0, status.exitCode(), status::toString);
        assertTrue(status.stdout().contains("created idx_worklogs_user_range on worklogs: valid"), status::toString);
        assertEquals(0, idxmig.run("verify").exitCode());

        CliResult migrate = idxmig.run("migrate", ExampleProject.SMALL);
        assertEquals(0, migrate.exitCode(), migrate::toString);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM idxmig_index_ledger WHERE version = '4' "
                     + "AND constraint_definition IS NULL AND previous_constraint_definition IS NULL")) {
            rs.next();
            assertEquals(3, rs.getInt(1), "the migrated row and two index rows, in the upgraded ledger");
        }
        assertEquals(0, idxmig.run("status").exitCode());
    }
}
