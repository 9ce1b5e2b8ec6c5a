package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.Idxmig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code idxmig lint --dialect mariadb} on a corpus of migrations in the shapes Rails, Laravel, Django and Prisma
 * write for MariaDB/MySQL, and the hand-written ones that hurt (src/test/resources/lint-corpus/mariadb, its README
 * says how expectations are written): every finding where a {@code -- expect:} line says, and nowhere else.
 */
@Tag("unit")
class MariaDbLintCorpusCliTest {
    private static final Path CORPUS = Path.of("src/test/resources/lint-corpus/mariadb").toAbsolutePath();

    @Test
    void theCorpusFindingsAreExactlyTheExpectedOnes() throws IOException {
        CliResult lint = Idxmig.in(CORPUS.getParent()).run("lint", "--dialect", "mariadb", "--locations",
                CORPUS.toString(), "--format", "json");
        Set<String> found = new TreeSet<>();
        JsonNode report = JsonMapper.builder().build().readTree(lint.stdout()).get("targets").get(0).get("report");
        for (JsonNode f : report.get("findings")) {
            found.add(Path.of(f.get("file").asString()).getFileName() + ":" + f.get("line").asInt() + " "
                    + f.get("rule").asString());
        }
        assertEquals(expected(), found, lint.toString());
        assertEquals(expected().stream().anyMatch(e -> e.endsWith(" table-copy")) ? 1 : 0, lint.exitCode(),
                lint.toString());
    }

    /** Each {@code -- expect: RULE[, RULE]} line names the statement on the next line. */
    private static Set<String> expected() throws IOException {
        Set<String> expected = new TreeSet<>();
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).startsWith("-- expect: ")) {
                        for (String rule : lines.get(i).substring("-- expect: ".length()).split(",")) {
                            expected.add(file.getFileName() + ":" + (i + 2) + " " + rule.trim());
                        }
                    }
                }
            }
        }
        return expected;
    }
}
