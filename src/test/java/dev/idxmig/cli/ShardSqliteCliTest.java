package dev.idxmig.cli;

import dev.idxmig.fleet.Shard;
import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.ReportSchemas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --shard K/N} over a fleet of SQLite databases listed with {@code --targets}. */
@Tag("sqlite")
class ShardSqliteCliTest {
    private static final int DATABASES = 8;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private final List<String> names = new ArrayList<>();

    @BeforeEach
    void fleet() throws Exception {
        ExampleProject.write(dir.resolve("migrations"), "V1__items.sql",
                "CREATE TABLE items (id integer PRIMARY KEY, owner text);\n"
                        + "CREATE INDEX idx_items_owner ON items (owner);\n");
        for (int i = 1; i <= DATABASES; i++) {
            names.add("db_" + i);
        }
        targetsFile("targets.yaml", names);
    }

    private void targetsFile(String file, List<String> order) throws Exception {
        StringBuilder yaml = new StringBuilder("targets:\n");
        for (String name : order) {
            yaml.append("  - name: ").append(name).append("\n    url: jdbc:sqlite:").append(dir.resolve(name + ".db"))
                    .append('\n');
        }
        Files.writeString(dir.resolve(file), yaml);
    }

    private Idxmig idxmig() {
        return Idxmig.in(dir);
    }

    @Test
    void theShardsTogetherMigrateEveryDatabaseOnceAndReportWhichTheyOwned() throws Exception {
        Set<String> union = new TreeSet<>();
        for (int k = 1; k <= 3; k++) {
            CliResult r = idxmig().run("migrate", "--targets", "targets.yaml", "--shard", k + "/3", "-f", "json",
                    "--no-backup");
            assertEquals(0, r.exitCode(), r::toString);
            ReportSchemas.assertValid("migrate", r.stdout());
            JsonNode doc = JSON.readTree(r.stdout());
            JsonNode shard = doc.get("shard");
            assertEquals(k, shard.get("index").asInt());
            assertEquals(3, shard.get("total").asInt());
            assertEquals(DATABASES, shard.get("selected").asInt());
            List<String> owned = new ArrayList<>();
            shard.get("owned").forEach(n -> owned.add(n.asString()));
            List<String> ran = new ArrayList<>();
            doc.get("targets").forEach(t -> ran.add(t.get("target").asString()));
            Collections.sort(ran);
            assertEquals(new TreeSet<>(owned), new TreeSet<>(ran), r::toString);
            for (String name : owned) {
                assertEquals(k, Shard.of(name, 3), name);
                assertTrue(union.add(name), name + " in two shards");
            }
        }
        assertEquals(new TreeSet<>(names), union);
        for (String name : names) {
            assertEquals(1, count(name, "SELECT count(*) FROM flyway_schema_history WHERE version = '1'"), name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"verify", "status", "doctor", "plan-check", "rollback --dry-run --steps 1", "baseline"})
    void everyFleetCommandTakesTheShardAndSaysItRanIt(String command) throws Exception {
        assertEquals(0, idxmig().run("migrate", "--targets", "targets.yaml", "--no-backup").exitCode());
        Files.writeString(dir.resolve("migrations/checks.yaml"), "checks:\n  - name: by owner\n"
                + "    sql: SELECT * FROM items WHERE owner = 'x'\n    expect:\n      uses_index: idx_items_owner\n");
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--targets", "targets.yaml", "--shard", "2/3", "-f", "json"));
        CliResult r = idxmig().run(args.toArray(String[]::new));
        // baseline refuses databases that have a history, rollback a V1 that made tables and has no undo script
        // (exit 2 per target): the report still says which shard ran and which targets it owned
        boolean refuses = command.equals("baseline") || command.startsWith("rollback");
        assertTrue(r.exitCode() <= (refuses ? 2 : 1), r::toString);
        JsonNode doc = JSON.readTree(r.stdout());
        assertEquals(2, doc.get("shard").get("index").asInt(), r::toString);
        Set<String> ran = new TreeSet<>();
        doc.get("targets").forEach(t -> ran.add(t.get("target").asString()));
        Set<String> owned = new TreeSet<>();
        doc.get("shard").get("owned").forEach(n -> owned.add(n.asString()));
        assertEquals(owned, ran);
        assertEquals(names.stream().filter(n -> Shard.of(n, 3) == 2).collect(java.util.stream.Collectors.toSet()),
                owned);
    }

    @Test
    void aListInAnotherOrderGivesTheSameAssignment() throws Exception {
        List<String> reversed = new ArrayList<>(names);
        Collections.reverse(reversed);
        targetsFile("reversed.yaml", reversed);
        for (int k = 1; k <= 3; k++) {
            Set<String> one = owned(idxmig().run("status", "--targets", "targets.yaml", "--shard", k + "/3", "-f",
                    "json"));
            Set<String> other = owned(idxmig().run("status", "--targets", "reversed.yaml", "--shard", k + "/3", "-f",
                    "json"));
            assertEquals(one, other);
        }
    }

    @Test
    void textAndJunitReportsNameTheShard() {
        CliResult text = idxmig().run("status", "--targets", "targets.yaml", "--shard", "2/3");
        assertEquals(0, text.exitCode(), text::toString);
        assertTrue(text.stdout().startsWith("shard 2/3: "), text::toString);
        assertTrue(text.stdout().contains("of 8 targets"), text::toString);
        assertTrue(text.stdout().contains("status (shard 2/3) on "), text::toString);
        CliResult junit = idxmig().run("verify", "--targets", "targets.yaml", "--shard", "2/3", "-f", "junit");
        assertTrue(junit.stdout().contains("<testsuites name=\"idxmig verify (shard 2/3)\">"), junit::toString);
    }

    @Test
    void aShardThatOwnsNoTargetSaysSoAndExitsZero() throws Exception {
        String lonely = names.stream().filter(n -> Shard.of(n, 2) == 1).findFirst().orElseThrow();
        targetsFile("one.yaml", List.of(lonely));
        CliResult r = idxmig().run("migrate", "--targets", "one.yaml", "--shard", "2/2", "--no-backup");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("shard 2/2 owns none of the 1 target: nothing to do"), r::toString);
        assertFalse(Files.exists(dir.resolve(lonely + ".db")) && count(lonely,
                "SELECT count(*) FROM sqlite_schema WHERE name = 'flyway_schema_history'") > 0);
        CliResult json = idxmig().run("status", "--targets", "one.yaml", "--shard", "2/2", "-f", "json");
        assertEquals(0, json.exitCode(), json::toString);
        ReportSchemas.assertValid("status", json.stdout());
        assertTrue(json.stderr().contains("status: shard 2/2 owns none of the 1 target: nothing to do"),
                json::toString);
        assertEquals(0, JSON.readTree(json.stdout()).get("shard").get("owned").size());
    }

    @Test
    void autoReadsTheEnginesVariables() throws Exception {
        CliResult gitlab = idxmig().env("CI_NODE_INDEX", "3").env("CI_NODE_TOTAL", "3")
                .run("status", "--targets", "targets.yaml", "--shard", "auto", "-f", "json");
        CliResult given = idxmig().run("status", "--targets", "targets.yaml", "--shard", "3/3", "-f", "json");
        assertEquals(owned(given), owned(gitlab));
        CliResult k8s = idxmig().env("JOB_COMPLETION_INDEX", "2").env("IDXMIG_SHARD_TOTAL", "3")
                .run("status", "--targets", "targets.yaml", "--shard", "auto", "-f", "json");
        assertEquals(owned(given), owned(k8s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0/3", "4/3", "a/b", "auto"})
    void aShardThatNamesNoPartIsAUsageErrorBeforeAnyConnection(String value) {
        CliResult r = idxmig().run("migrate", "--targets", "targets.yaml", "--shard", value, "--no-backup");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("--shard"), r::toString);
        for (String name : names) {
            assertFalse(Files.exists(dir.resolve(name + ".db")), "connected to " + name);
        }
    }

    @Test
    void aShardWithoutAFleetIsAUsageError() {
        CliResult r = idxmig().run("status", "--url", "jdbc:sqlite:" + dir.resolve("alone.db"), "--shard", "1/2");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("--shard splits a fleet"), r::toString);
    }

    private static Set<String> owned(CliResult r) throws Exception {
        assertEquals(0, r.exitCode(), r::toString);
        Set<String> owned = new TreeSet<>();
        JSON.readTree(r.stdout()).get("shard").get("owned").forEach(n -> owned.add(n.asString()));
        return owned;
    }

    private long count(String name, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(name + ".db"));
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
