package dev.idxmig.docs;

import dev.idxmig.docs.OutputBlock.Database;
import dev.idxmig.testing.Idxmig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every SQLite example output in README.md and docs/ is what the command prints now, on a scratch copy of the
 * example project and a fresh SQLite file (times, sizes and the like masked). When one is stale, regenerate with
 * {@code docs/generate.sh sqlite} and review the diff.
 */
@Tag("sqlite")
class DocOutputsSqliteTest {

    static List<Path> pages() {
        return DocOutputs.pages(Database.SQLITE);
    }

    @ParameterizedTest
    @MethodSource("pages")
    void thePagesExampleOutputsAreWhatTheCommandsPrintNow(Path page, @TempDir Path dir) {
        List<String> stale = DocOutputs.check(page, Database.SQLITE, dir, Idxmig.in(dir), Map.of());
        assertEquals(List.of(), stale, "stale example output; docs/generate.sh rewrites it (review the diff)");
    }
}
