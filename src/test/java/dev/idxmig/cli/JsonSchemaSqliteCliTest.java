package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.ExampleSqlite;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.ReportSchemas;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command's {@code --format json} on the example (SQLite) matches its schema in docs/schema/, on one target
 * and on many, and the two are one shape.
 */
@Tag("sqlite")
class JsonSchemaSqliteCliTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private CliResult json(Idxmig idxmig, int exit, String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--format", "json")).toArray(String[]::new);
        CliResult r = idxmig.run(all);
        assertEquals(exit, r.exitCode(), r::toString);
        String command = args[0].equals("backup") && args.length > 1 && args[1].equals("list") ? "backup list" : args[0];
        ReportSchemas.assertValid(command, r.stdout());
        JsonNode doc = JSON.readTree(r.stdout());
        assertEquals(1, doc.get("schemaVersion").asInt());
        assertEquals(command, doc.get("command").asString());
        return r;
    }

    @Test
    void everyCommandsJsonMatchesItsSchemaOnTheExample() throws Exception {
        ExampleProject.copyTo(dir);
        Idxmig idxmig = Idxmig.in(dir);
        json(idxmig, 0, "migrate", ExampleProject.SMALL, "--dry-run");
        json(idxmig, 0, "migrate", ExampleProject.SMALL, "--target", "2");
        json(idxmig, 0, "lint");
        json(idxmig, 0, "migrate", ExampleProject.SMALL);
        CliResult status = json(idxmig, 0, "status");
        assertTrue(status.stdout().contains("\"currentVersion\" : \"4\""), status::toString);
        json(idxmig, 0, "verify");
        json(idxmig, 0, "doctor");
        json(idxmig, 0, "plan-check");
        json(idxmig, 0, "audit");
        json(idxmig, 0, "bench", "--runs", "2", "--warmup", "0");
        json(idxmig, 0, "backup");
        json(idxmig, 0, "backup", "--indexes-only", "--to", "indexes.sql");
        json(idxmig, 0, "backup", "list");
        json(idxmig, 0, "restore", "--from", "indexes.sql", "--dry-run");
        json(idxmig, 0, "rollback", "--dry-run");
        json(idxmig, 0, "rollback");
        json(idxmig, 0, "migrate", ExampleProject.SMALL, "--benchmark", "--runs", "2", "--warmup", "0");

        // a report of problems and one of a failure are documents of the same shape
        ExampleSqlite.execute(dir, "DROP INDEX idx_billing_rates_lookup");
        CliResult problems = json(idxmig, 1, "verify");
        JsonNode target = JSON.readTree(problems.stdout()).get("targets").get(0);
        assertEquals("problems", target.get("status").asString());
        assertEquals(1, target.get("exitCode").asInt());
        ExampleProject.write(dir.resolve("migrations/common"), "V5__broken.sql",
                "CREATE INDEX idx_broken ON no_such_table (x);\n");
        CliResult failed = json(idxmig, 4, "migrate", "--no-backup");
        JsonNode failure = JSON.readTree(failed.stdout()).get("targets").get(0);
        assertEquals("failed", failure.get("status").asString(), failed::toString);
        assertEquals("operation", failure.get("report").get("problem").get("kind").asString(), failed::toString);
        assertEquals(4, failure.get("exitCode").asInt());
        assertEquals(1, JSON.readTree(failed.stdout()).get("summary").get("failed").asInt());
        // what Flyway tells its own users never reaches idxmig's report
        assertFalse(failed.stdout().contains("-X option") || failed.stderr().contains("-X option"), failed::toString);
        assertFalse(failed.stdout().contains("run repair"), failed::toString);
    }

    @Test
    void oneTargetAndManyAreOneShape() throws Exception {
        ExampleProject.copyTo(dir);
        Idxmig idxmig = Idxmig.in(dir);
        String other = "jdbc:sqlite:" + dir.resolve("other.db");
        assertEquals(0, idxmig.run("migrate", ExampleProject.SMALL, "--no-backup").exitCode());
        assertEquals(0, idxmig.run("migrate", "--url", other, ExampleProject.SMALL, "--no-backup").exitCode());
        Files.writeString(dir.resolve("targets.yaml"), "targets:\n  - name: first\n    url: jdbc:sqlite:"
                + dir.resolve("idxmig.db") + "\n  - name: other\n    url: " + other + "\n");
        for (String command : new String[] {"verify", "status", "doctor", "audit", "migrate"}) {
            CliResult one = json(idxmig, 0, command);
            CliResult many = json(idxmig, 0, command, "--targets", "targets.yaml");
            assertEquals(keys(JSON.readTree(one.stdout())), keys(JSON.readTree(many.stdout())), command);
            assertEquals(2, JSON.readTree(many.stdout()).get("targets").size(), many::toString);
        }
        json(idxmig, 0, "rollback", "--dry-run", "--targets", "targets.yaml");
    }

    /** Every field path of a document, array elements merged: the shape without the values. */
    private static Set<String> keys(JsonNode node) {
        Set<String> paths = new TreeSet<>();
        collect(node, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String path, Set<String> paths) {
        if (node.isObject()) {
            for (var e : node.properties()) {
                paths.add(path + "." + e.getKey());
                collect(e.getValue(), path + "." + e.getKey(), paths);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                collect(item, path + "[]", paths);
            }
        }
    }
}
