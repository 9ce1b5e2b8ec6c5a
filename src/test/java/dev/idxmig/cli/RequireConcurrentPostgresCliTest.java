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

/**
 * {@code migrate --require-concurrent} on a CI-sized table: every index statement on an existing table that is not
 * CONCURRENTLY, and every ALTER TABLE that builds a key's index, is refused before anything runs; lint (connected)
 * names the same statements with the fix.
 */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class RequireConcurrentPostgresCliTest {
    @TempDir
    Path dir;

    @Test
    void aKeyBuildingAlterTableOnASmallTableIsRefusedWithNothingApplied(PgDatabase db) {
        Path migrations = dir.resolve("migrations");
        ExampleProject.write(migrations, "V1__users.sql", "CREATE TABLE users (id int, email text, team int);\n"
                + "INSERT INTO users SELECT g, 'u' || g, g % 10 FROM generate_series(1, 200) g;\n");
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        assertEquals(0, idxmig.run("migrate").exitCode());
        ExampleProject.write(migrations, "V2__keys.sql", "ALTER TABLE users ADD COLUMN note text,\n"
                + "  ADD CONSTRAINT uq_users_email UNIQUE (email);\n");
        ExampleProject.write(migrations, "V3__team.sql", "CREATE INDEX idx_users_team ON users (team);\n");

        CliResult lint = idxmig.run("lint");
        assertEquals(1, lint.exitCode(), lint::toString);
        assertTrue(lint.stdout().contains("migrations/V2__keys.sql:2:3: error [constraint-builds-index] ALTER TABLE "
                + "users ADD CONSTRAINT uq_users_email UNIQUE (email) builds a unique index while holding ACCESS "
                + "EXCLUSIVE on users"), lint::toString);
        assertTrue(lint.stdout().contains("migrations/V3__team.sql:1:1: error [require-concurrently]"),
                lint::toString);

        CliResult refused = idxmig.run("migrate", "--require-concurrent");
        assertEquals(4, refused.exitCode(), refused::toString);
        assertTrue(refused.stderr().contains("V2__keys.sql line 1: ALTER TABLE ... ADD CONSTRAINT uq_users_email "
                + "UNIQUE (email) on "), refused::toString);
        assertTrue(refused.stderr().contains("V3__team.sql line 1: CREATE INDEX on "), refused::toString);
        assertTrue(refused.stderr().contains("nothing was applied"), refused::toString);
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_indexes WHERE tablename = 'users'"));

        CliResult warned = idxmig.run("migrate");
        assertEquals(0, warned.exitCode(), "below --large-table it stays a warning, and without one: " + warned);
        assertEquals(2, db.queryLong("SELECT count(*) FROM pg_indexes WHERE tablename = 'users'"));
    }
}
