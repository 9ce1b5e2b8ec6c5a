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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON reports of an adopted database match their schemas in docs/schema/: baseline, status (one schema and a
 * fleet of them), verify with problems, and a failed migrate; the values only an adopted database has ("adopted",
 * "baseline") included.
 */
@Tag("postgres")
@ExtendWith(PostgresExtension.class)
class AdoptedJsonPostgresCliTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private static String[] schemaOf(String schema) {
        String s = schema + ".";
        return new String[] {
            "CREATE SCHEMA " + schema,
            "CREATE TABLE " + s + "rooms (id int PRIMARY KEY, code text NOT NULL UNIQUE, during int4range, "
                + "EXCLUDE USING gist (during WITH &&))",
            "CREATE TABLE " + s + "guests (id int PRIMARY KEY, email text, UNIQUE (email) DEFERRABLE)",
            "CREATE INDEX guests_email_lower ON " + s + "guests (lower(email))",
        };
    }

    private static JsonNode json(Idxmig idxmig, String command, int exit, String... args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(args));
        all.addAll(List.of("--format", "json"));
        CliResult r = idxmig.run(all.toArray(String[]::new));
        assertEquals(exit, r.exitCode(), r::toString);
        ReportSchemas.assertValid(command, r.stdout());
        return JSON.readTree(r.stdout());
    }

    @Test
    void theReportsOfAnAdoptedDatabaseMatchTheirSchemas(PgDatabase db) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("migrations"));
        db.execute(Stream.concat(Stream.of(schemaOf("tenant_a")), Stream.of(schemaOf("tenant_b")))
                .toArray(String[]::new));
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());

        JsonNode baseline = json(idxmig, "baseline", 0, "--schema", "tenant_a");
        assertEquals(6, baseline.get("targets").get(0).get("report").get("adoptedIndexes").size(),
                baseline::toString);
        json(idxmig, "baseline", 0, "--schemas", "tenant_b");

        JsonNode status = json(idxmig, "status", 0, "--schema", "tenant_a");
        JsonNode row = status.get("targets").get(0).get("report").get("migrations").get(0);
        assertEquals("baseline", row.get("state").asString(), row::toString);
        assertEquals(6, row.get("indexes").size(), row::toString);
        assertEquals("adopted", row.get("indexes").get(0).get("action").asString(), row::toString);
        assertTrue(row.toString().contains("exclusion constraint EXCLUDE USING gist (during WITH &&)"), row::toString);

        JsonNode fleet = json(idxmig, "status", 0, "--schemas", "tenant_*");
        assertEquals(2, fleet.get("targets").size(), fleet::toString);

        db.execute("ALTER TABLE tenant_b.rooms DROP CONSTRAINT rooms_code_key");
        JsonNode problems = json(idxmig, "verify", 1, "--schemas", "tenant_*");
        assertEquals("ok", problems.get("targets").get(0).get("status").asString(), problems::toString);
        assertEquals("problems", problems.get("targets").get(1).get("status").asString(), problems::toString);
        json(idxmig, "status", 0, "--schema", "tenant_b");

        ExampleProject.write(dir.resolve("migrations"), "V1__broken.sql",
                "CREATE INDEX broken ON tenant_a.no_such_table (x);\n");
        JsonNode failed = json(idxmig, "migrate", 4, "--schema", "tenant_a", "--no-backup");
        assertEquals("failed", failed.get("targets").get(0).get("status").asString(), failed::toString);
    }
}
