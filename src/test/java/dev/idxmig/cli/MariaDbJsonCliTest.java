package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.MariaDbDatabase;
import dev.idxmig.testing.MariaDbExtension;
import dev.idxmig.testing.ReportSchemas;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command that works on MariaDB writes JSON its schema accepts; verify --deep runs CHECK TABLE. */
@Tag("mariadb")
@ExtendWith(MariaDbExtension.class)
class MariaDbJsonCliTest {

    private static CliResult json(Idxmig idxmig, int exit, String... args) {
        CliResult r = idxmig.run(Stream.concat(Stream.of(args), Stream.of("--format", "json")).toArray(String[]::new));
        assertEquals(exit, r.exitCode(), r::toString);
        ReportSchemas.assertValid(args[0].equals("backup") && args.length > 1 && args[1].equals("list")
                ? "backup list" : args[0], r.stdout());
        return r;
    }

    @Test
    void everyCommandsJsonMatchesItsSchemaOnMariaDb(MariaDbDatabase db, @TempDir Path dir) {
        ExampleProject.copyTo(dir);
        Idxmig idxmig = db.idxmig(dir);
        json(idxmig, 0, "migrate", ExampleProject.SMALL);
        CliResult status = json(idxmig, 0, "status");
        assertTrue(status.stdout().matches("(?s).*\"installedOn\" : \"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\".*"),
                status::toString);
        CliResult verify = json(idxmig, 0, "verify");
        assertTrue(verify.stdout().contains("CHECK TABLE skipped"), verify::toString);
        CliResult deep = json(idxmig, 0, "verify", "--deep"); // CHECK TABLE ran, and found nothing
        assertTrue(!deep.stdout().contains("CHECK TABLE skipped"), deep::toString);
        json(idxmig, 0, "doctor");
        json(idxmig, 0, "plan-check");
        json(idxmig, 0, "bench", "--runs", "2", "--warmup", "0");
        json(idxmig, 0, "lint");
        json(idxmig, 0, "backup", "--indexes-only");
        json(idxmig, 0, "backup", "list");
        json(idxmig, 0, "rollback", "--dry-run");
        json(idxmig, 0, "migrate", ExampleProject.SMALL, "--dry-run");
    }
}
