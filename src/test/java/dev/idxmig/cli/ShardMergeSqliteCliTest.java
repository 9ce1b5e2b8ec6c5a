package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.Missing;
import dev.idxmig.testing.ReportSchemas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code idxmig report merge}: N shards' reports give the report one run over all their targets gives. */
@Tag("sqlite")
class ShardMergeSqliteCliTest {
    private static final int DATABASES = 9;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private Idxmig idxmig;

    @BeforeEach
    void fleet() throws Exception {
        ExampleProject.write(dir.resolve("migrations"), "V1__items.sql",
                "CREATE TABLE items (id integer PRIMARY KEY, owner text);\n"
                        + "CREATE INDEX idx_items_owner ON items (owner);\n");
        StringBuilder yaml = new StringBuilder("targets:\n");
        for (int i = 1; i <= DATABASES; i++) {
            yaml.append("  - name: db_").append(i).append("\n    url: jdbc:sqlite:").append(dir.resolve("db_" + i + ".db"))
                    .append('\n');
        }
        Files.writeString(dir.resolve("targets.yaml"), yaml);
        idxmig = Idxmig.in(dir);
        CliResult migrated = idxmig.run("migrate", "--targets", "targets.yaml", "--no-backup");
        assertEquals(0, migrated.exitCode(), migrated::toString);
        // one database with a problem, so the merged report has something to say
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("db_4.db"));
             java.sql.Statement st = c.createStatement()) {
            st.execute("DROP INDEX idx_items_owner");
        }
    }

    @Test
    void mergedJsonEqualsOneUnshardedRun() {
        for (int k = 1; k <= 3; k++) {
            CliResult r = idxmig.run("verify", "--targets", "targets.yaml", "--shard", k + "/3", "-f", "json",
                    "-o", "verify-" + k + ".json");
            assertTrue(r.exitCode() <= 1, r::toString);
        }
        CliResult merged = idxmig.run("report", "merge", "verify-1.json", "verify-2.json", "verify-3.json");
        assertEquals(1, merged.exitCode(), merged::toString);
        ReportSchemas.assertValid("verify", merged.stdout());
        assertTrue(merged.stderr().contains("verify report merge: 9 targets: 8 ok, 1 with problems, 0 failed"),
                merged::toString);
        CliResult whole = idxmig.run("verify", "--targets", "targets.yaml", "-f", "json");
        assertEquals(1, whole.exitCode(), whole::toString);
        assertEquals(withoutTimes(whole.stdout()), withoutTimes(merged.stdout()));
        JsonNode summary = JSON.readTree(merged.stdout()).get("summary");
        JsonNode wholeSummary = JSON.readTree(whole.stdout()).get("summary");
        for (String field : new String[] {"total", "ok", "problems", "failed", "skipped", "failures"}) {
            assertEquals(wholeSummary.get(field), summary.get(field), field);
        }
    }

    @Test
    void theDocumentedJqLineMergesAsReportMergeDoes() throws Exception {
        Path jq = Path.of("/usr/bin/jq");
        if (!Files.isExecutable(jq)) {
            String line = "jq is not installed: the test of docs/scale.md's jq line is skipped";
            Missing.skipOrFail("jq", line);
        }
        String page = Files.readString(Path.of("docs/scale.md"));
        int start = page.indexOf("jq -s '") + "jq -s '".length();
        String program = page.substring(start, page.indexOf("' shard-*.json", start));
        for (int k = 1; k <= 3; k++) {
            idxmig.run("verify", "--targets", "targets.yaml", "--shard", k + "/3", "-f", "json", "-o",
                    "shard-" + k + ".json");
        }
        Process p = new ProcessBuilder(jq.toString(), "-s", program, "shard-1.json", "shard-2.json", "shard-3.json")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String merged = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), merged);
        ReportSchemas.assertValid("verify", merged);
        CliResult ours = idxmig.run("report", "merge", "shard-1.json", "shard-2.json", "shard-3.json");
        assertEquals(withoutTimes(ours.stdout()), withoutTimes(merged));
        JsonNode a = JSON.readTree(ours.stdout()).get("summary");
        JsonNode b = JSON.readTree(merged).get("summary");
        for (String field : new String[] {"total", "ok", "problems", "failed", "skipped", "failures"}) {
            assertEquals(a.get(field), b.get(field), field);
        }
    }

    @Test
    void mergedJunitHasEveryTargetsSuiteOnce() throws Exception {
        for (int k = 1; k <= 3; k++) {
            idxmig.run("verify", "--targets", "targets.yaml", "--shard", k + "/3", "-f", "junit",
                    "-o", "verify-" + k + ".xml");
        }
        CliResult merged = idxmig.run("report", "merge", "verify-3.xml", "verify-1.xml", "verify-2.xml", "-o",
                "verify.xml");
        assertEquals(1, merged.exitCode(), merged::toString);
        assertTrue(merged.stdout().contains("(junit report written to "), merged::toString);
        String xml = Files.readString(dir.resolve("verify.xml"));
        assertTrue(xml.contains("<testsuites name=\"idxmig verify\">"), xml);
        CliResult whole = idxmig.run("verify", "--targets", "targets.yaml", "-f", "junit");
        assertEquals(suites(whole.stdout()), suites(xml));
    }

    @Test
    void aMissingShardIsNamedAndFailsTheMerge() {
        idxmig.run("status", "--targets", "targets.yaml", "--shard", "1/2", "-f", "json", "-o", "s1.json");
        CliResult r = idxmig.run("report", "merge", "s1.json");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("no report of shard 2/2: its targets are not in the merged report"),
                r::toString);
    }

    @Test
    void reportsOfDifferentCommandsOrFormatsAreNotMerged() throws Exception {
        idxmig.run("status", "--targets", "targets.yaml", "--shard", "1/2", "-f", "json", "-o", "s1.json");
        idxmig.run("verify", "--targets", "targets.yaml", "--shard", "2/2", "-f", "json", "-o", "v2.json");
        idxmig.run("verify", "--targets", "targets.yaml", "--shard", "2/2", "-f", "junit", "-o", "v2.xml");
        Files.writeString(dir.resolve("other.json"), "{\"hello\": 1}");
        CliResult commands = idxmig.run("report", "merge", "s1.json", "v2.json");
        assertEquals(2, commands.exitCode(), commands::toString);
        assertTrue(commands.stderr().contains("is a report of verify, the files before it of status"),
                commands::toString);
        CliResult formats = idxmig.run("report", "merge", "v2.json", "v2.xml");
        assertEquals(2, formats.exitCode(), formats::toString);
        CliResult other = idxmig.run("report", "merge", "other.json");
        assertEquals(2, other.exitCode(), other::toString);
        assertTrue(other.stderr().contains("is not an idxmig report"), other::toString);
        CliResult none = idxmig.run("report", "merge", "nope.json");
        assertEquals(2, none.exitCode(), none::toString);
        CliResult bare = idxmig.run("report");
        assertEquals(2, bare.exitCode(), bare::toString);
        assertTrue(bare.stderr().contains("idxmig report merge FILES..."), bare::toString);
    }

    /** Each suite's name, with its tests and failures, as a JUnit reader sees them. */
    private static Map<String, String> suites(String xml) throws Exception {
        Map<String, String> suites = new TreeMap<>();
        org.w3c.dom.NodeList list = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new org.xml.sax.InputSource(new java.io.StringReader(xml))).getElementsByTagName("testsuite");
        for (int i = 0; i < list.getLength(); i++) {
            org.w3c.dom.Element suite = (org.w3c.dom.Element) list.item(i);
            suites.put(suite.getAttribute("name"), suite.getAttribute("tests") + "/" + suite.getAttribute("failures")
                    + "/" + suite.getElementsByTagName("testcase").getLength());
        }
        return suites;
    }

    private static Map<String, JsonNode> withoutTimes(String json) {
        Map<String, JsonNode> targets = new TreeMap<>();
        for (JsonNode t : JSON.readTree(json).get("targets")) {
            JsonNode copy = t.deepCopy();
            strip(copy);
            targets.put(t.get("target").asString(), copy);
        }
        return targets;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove("durationMs");
        }
        node.forEach(ShardMergeSqliteCliTest::strip);
    }
}
