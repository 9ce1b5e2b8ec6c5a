package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's first steps with one flag more: a real PostgreSQL, CONCURRENTLY builds included. */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class MigratePostgresCliTest {
    @TempDir
    Path dir;

    @Test
    void migrateBuildsTheConcurrentIndexesWithoutHangingAndRecordsThem(PgDatabase db) {
        ExampleProject.copyTo(dir);
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        CliResult r = idxmig.run("migrate", ExampleProject.SMALL);

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("Applied 4 migrations to PostgreSQL"), r::toString);
        assertTrue(r.stdout().contains("created idx_worklogs_user_range on worklogs"), r::toString);
        assertEquals(4, db.queryLong("SELECT count(*) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                + "WHERE i.relname LIKE 'idx\\_%' AND x.indisvalid"));
        assertEquals(1, db.queryLong("SELECT count(*) FROM idxmig_index_ledger WHERE index_name = "
                + "'idx_factorial_leaves_company_status' AND is_partial AND definition LIKE '%WHERE%pending%'"));

        CliResult status = idxmig.run("status");
        assertEquals(0, status.exitCode(), status::toString);
        assertTrue(status.stdout().contains("created idx_worklogs_user_range on worklogs: valid"), status::toString);
    }

    @Test
    void schemaOptionKeepsHistoryAndLedgerInThatSchema(PgDatabase db) {
        ExampleProject.copyTo(dir);
        CliResult r = Idxmig.in(dir).target(db.cliArgs()).run("migrate", "--schema", "tenant_a",
                ExampleProject.SMALL);
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(1, db.queryLong("SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                + "'tenant_a' AND table_name = 'idxmig_index_ledger'"));
        assertEquals(4, db.queryLong("SELECT count(*) FROM tenant_a.idxmig_index_ledger WHERE action = 'created'"));
    }
}
