package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.ExampleSqlite;
import dev.idxmig.testing.Extensions;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** doctor --hypothetical: an index doctor proposes to drop stays out of the drop migration while a check needs it. */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
@Tag("sqlite")
class DoctorHypotheticalCliTest {
    private static final String CHECKS = "checks:\n"
            + "  - name: emails of a company\n"
            + "    sql: SELECT author_email FROM worklogs WHERE company_id = 8 AND author_email = 'user7@example.com'\n"
            + "    expect: {uses_index: idx_worklogs_company_email}\n"
            + "  - name: instance worklogs in a week\n"
            + "    sql: SELECT count(*) FROM worklogs WHERE instance_id = 3 AND started >= '2025-03-01' "
            + "AND started < '2025-03-08'\n"
            + "    expect: {no_full_scan: [worklogs]}\n";

    @TempDir
    Path dir;

    private void assertProposalLeavesOutTheNeededIndex(Idxmig idxmig, String vendor) throws Exception {
        Files.writeString(dir.resolve("doctor-checks.yaml"), CHECKS);
        CliResult r = idxmig.run("doctor", "--hypothetical", "--checks", "doctor-checks.yaml", "--write-migration");
        // unused indexes are warnings, and only an error-severity finding makes doctor exit 1 (docs/doctor.md)
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("idx_worklogs_company_email is still needed by check 'emails of a company': "
                + "left out of the drop migration"), r::toString);
        assertTrue(r.stdout().contains("no check needs idx_worklogs_instance"), r::toString);
        String migration = Files.readString(dir.resolve("migrations/" + vendor + "/V5__doctor_drop_indexes.sql"));
        assertTrue(migration.contains("idx_worklogs_instance\";") || migration.contains("idx_worklogs_instance;"), migration);
        assertFalse(migration.contains("DROP INDEX CONCURRENTLY IF EXISTS \"public\".\"idx_worklogs_company_email\"")
                || migration.contains("DROP INDEX IF EXISTS \"idx_worklogs_company_email\""), migration);
        assertTrue(migration.contains("-- left out: idx_worklogs_company_email is still needed by check 'emails of "
                + "a company'"), migration);
    }

    @Test
    void sqliteDropProposalLeavesOutAnIndexACheckNeeds() throws Exception {
        Idxmig idxmig = ExampleProject.migrated(dir);
        ExampleSqlite.execute(dir, "CREATE INDEX idx_worklogs_company_email ON worklogs (company_id, author_email)",
                "CREATE INDEX idx_worklogs_instance ON worklogs (instance_id)", "ANALYZE");
        assertProposalLeavesOutTheNeededIndex(idxmig, "sqlite");
        assertEquals(1, ExampleSqlite.count(dir, "sqlite_schema WHERE name = 'idx_worklogs_company_email'"));
    }

    @Test
    void postgresDropProposalLeavesOutAnIndexACheckNeeds(PgDatabase db) throws Exception {
        Idxmig idxmig = ExampleProject.migrated(dir, db);
        Extensions.requireHypopg(db);
        db.execute("CREATE INDEX idx_worklogs_company_email ON worklogs (company_id, author_email)",
                "CREATE INDEX idx_worklogs_instance ON worklogs (instance_id)", "ANALYZE");
        assertProposalLeavesOutTheNeededIndex(idxmig, "postgresql");
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname = 'idx_worklogs_company_email'"));
    }
}
