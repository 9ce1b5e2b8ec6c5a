package dev.idxmig.fleet;

import dev.idxmig.base.Failure;
import dev.idxmig.base.IdxmigException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Merging shards' reports: duplicates, missing shards, exit codes, what is refused. */
@Tag("unit")
class ShardReportsTest {
    @TempDir
    Path dir;

    private Path json(String name, int k, int n, String... targets) throws IOException {
        StringBuilder t = new StringBuilder();
        for (String target : targets) {
            String[] parts = target.split(":");
            String status = parts[1];
            int exit = switch (status) {
                case "failed" -> 4;
                case "problems" -> 1;
                default -> 0;
            };
            t.append(t.length() == 0 ? "" : ",").append("{\"target\":\"").append(parts[0]).append("\",\"status\":\"")
                    .append(status).append("\",\"headline\":\"h ").append(parts[0]).append("\",\"durationMs\":5,")
                    .append("\"report\":null,\"error\":null,\"exitCode\":").append(exit).append('}');
        }
        Path file = dir.resolve(name);
        Files.writeString(file, "{\"schemaVersion\":1,\"command\":\"migrate\",\"generatedAt\":\"2026-12-07T00:00:00Z\","
                + "\"targets\":[" + t + "],\"shard\":{\"index\":" + k + ",\"total\":" + n + ",\"selected\":9,"
                + "\"owned\":[]},\"summary\":{\"total\":0,\"ok\":0,\"problems\":0,\"failed\":0,\"skipped\":0,"
                + "\"interrupted\":false,\"durationMs\":" + (100 * k) + ",\"failures\":[]}}");
        return file;
    }

    @Test
    void aTargetInSeveralFilesCountsOnceAsTheLastSays() throws IOException {
        ShardReports.Merged m = ShardReports.merge(List.of(json("1.json", 1, 2, "public:failed", "a:ok"),
                json("2.json", 2, 2, "public:ok", "b:problems")));
        JsonNode doc = JsonMapper.builder().build().readTree(m.text());
        assertEquals(3, doc.get("targets").size());
        assertEquals("ok", doc.get("targets").get(0).get("status").asString());
        assertEquals(2, m.ok());
        assertEquals(1, m.problems());
        assertEquals(Failure.PROBLEMS.exitCode(), m.exitCode());
        assertEquals(200, doc.get("summary").get("durationMs").asInt(), "the longest shard's");
        assertEquals(List.of(), m.missingShards());
    }

    @Test
    void theExitCodeIsTheWorstTargetsAndAMissingShardIsAtLeastOne() throws IOException {
        assertEquals(4, ShardReports.merge(List.of(json("1.json", 1, 3, "a:failed", "b:problems"))).exitCode());
        ShardReports.Merged m = ShardReports.merge(List.of(json("1.json", 1, 3, "a:ok"), json("3.json", 3, 3, "c:ok")));
        assertEquals(List.of("2/3"), m.missingShards());
        assertEquals(1, m.exitCode());
    }

    @Test
    void shardsOfDifferentCountsAreNotMerged() throws IOException {
        IdxmigException e = assertThrows(IdxmigException.class, () -> ShardReports.merge(List.of(
                json("1.json", 1, 3, "a:ok"), json("2.json", 2, 4, "b:ok"))));
        assertEquals(Failure.USAGE, e.failure());
        assertTrue(e.getMessage().contains("is a shard of 4, the files before it of 3"), e::getMessage);
    }

    @Test
    void junitSuitesMergeByNameTheLastWinning() throws IOException {
        Files.writeString(dir.resolve("1.xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuites name=\"idxmig verify (shard 1/2)\">\n"
                + "  <testsuite name=\"a\" tests=\"1\" failures=\"1\"><testcase name=\"x\"><failure message=\"m\"/>"
                + "</testcase></testsuite>\n</testsuites>\n");
        Files.writeString(dir.resolve("2.xml"), "<testsuites name=\"idxmig verify (shard 2/2)\">"
                + "<testsuite name=\"b\" tests=\"1\" failures=\"0\"><testcase name=\"x\"/></testsuite>"
                + "<testsuite name=\"a\" tests=\"1\" failures=\"0\"><testcase name=\"x\"/></testsuite></testsuites>");
        ShardReports.Merged m = ShardReports.merge(List.of(dir.resolve("1.xml"), dir.resolve("2.xml")));
        assertEquals("verify", m.command());
        assertEquals(2, m.targets());
        assertEquals(0, m.exitCode(), m.text());
        assertTrue(m.text().startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"idxmig verify\">"),
                m.text());
    }

    @Test
    void aJunitFileThatIsNoIdxmigReportIsRefused() throws IOException {
        Files.writeString(dir.resolve("x.xml"), "<testsuites name=\"pytest\"/>");
        IdxmigException e = assertThrows(IdxmigException.class, () -> ShardReports.merge(List.of(dir.resolve("x.xml"))));
        assertTrue(e.getMessage().contains("is not an idxmig report"), e::getMessage);
        Files.writeString(dir.resolve("y.xml"), "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><testsuites "
                + "name=\"idxmig verify\">&e;</testsuites>");
        assertThrows(IdxmigException.class, () -> ShardReports.merge(List.of(dir.resolve("y.xml"))));
    }
}
