package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import dev.idxmig.testing.ReportSchemas;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On PostgreSQL, where reports carry more (sizes, buffers, amcheck, pg_dump), every command's JSON still matches
 * its schema; and a verify without --deep says amcheck was skipped as information, not as a warning.
 */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class JsonSchemaPostgresCliTest {
    @TempDir
    Path dir;

    private CliResult json(Idxmig idxmig, int exit, String... args) {
        CliResult r = idxmig.run(Stream.concat(Stream.of(args), Stream.of("--format", "json")).toArray(String[]::new));
        assertEquals(exit, r.exitCode(), r::toString);
        ReportSchemas.assertValid(args[0].equals("backup") && args.length > 1 && args[1].equals("list")
                ? "backup list" : args[0], r.stdout());
        return r;
    }

    @Test
    void everyCommandsJsonMatchesItsSchemaOnPostgres(PgDatabase db) {
        Idxmig idxmig = ExampleProject.migrated(dir, db);
        CliResult status = json(idxmig, 0, "status");
        assertTrue(status.stdout().matches("(?s).*\"installedOn\" : \"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d"
                + "(Z|[+-]\\d\\d:\\d\\d)\".*"), status::toString);
        json(idxmig, 0, "verify");
        CliResult deep = json(idxmig, 0, "verify", "--deep");
        assertTrue(deep.stdout().contains("\"severity\" : \"warning\""), "--deep asked and could not run: " + deep);
        json(idxmig, 0, "doctor");
        json(idxmig, 0, "plan-check");
        json(idxmig, 0, "bench", "--runs", "2", "--warmup", "0");
        json(idxmig, 0, "lint");
        json(idxmig, 0, "backup", "--indexes-only");
        json(idxmig, 0, "backup", "list");
        json(idxmig, 0, "rollback", "--dry-run");
        json(idxmig, 0, "migrate", ExampleProject.SMALL, "--dry-run");
    }

    @Test
    void amcheckSkippedWithoutDeepIsInformationNotAWarning(PgDatabase db) {
        Idxmig idxmig = ExampleProject.migrated(dir, db);
        CliResult verify = idxmig.run("verify");
        assertEquals(0, verify.exitCode(), verify::toString);
        assertTrue(verify.stdout().contains("OK — 5 checks, 0 failed, 0 errors, 0 warnings"), verify::toString);
        assertTrue(verify.stdout().contains("  ok    data integrity\n        info    amcheck: B-tree checks skipped"),
                verify::toString);
        assertFalse(verify.stdout().contains("warn "), verify::toString);

        CliResult deep = idxmig.run("verify", "--deep");
        assertEquals(0, deep.exitCode(), deep::toString);
        assertTrue(deep.stdout().contains("1 warning"), deep::toString);
        assertTrue(deep.stdout().contains("warning amcheck: the amcheck extension is not installed"), deep::toString);
    }
}
