package dev.idxmig.fleet;

import dev.idxmig.base.Failure;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.DatabaseUrls;
import dev.idxmig.config.Environment;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --shard K/N}: parsing, the engines' variables, and the documented hash. */
@Tag("unit")
class ShardTest {

    @Test
    void parsesKOfN() {
        assertEquals(new Shard(2, 3), Shard.parse("2/3", "--shard"));
        assertEquals(new Shard(1, 1), Shard.parse(" 1 / 1 ", "--shard"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0/3", "4/3", "a/b", "1/0", "3", "", "-1/3", "1/3/4", "auto/3"})
    void refusesWhatNamesNoShardAsAUsageError(String value) {
        IdxmigException e = assertThrows(IdxmigException.class, () -> ShardSource.resolve(value, env(Map.of())));
        assertEquals(Failure.USAGE, e.failure());
        assertTrue(e.getMessage().startsWith("--shard"), e::getMessage);
        assertTrue(e.hint().isPresent());
    }

    @Test
    void theHashIsTheDocumentedCrc32OfTheName() {
        // python3 -c 'import zlib; print(zlib.crc32(b"tenant_1"))' -> 3873837707; mod 4 = 3 -> shard 4
        assertEquals(4, Shard.of("tenant_1", 4));
        assertEquals(1, Shard.of("anything", 1));
    }

    @Test
    void autoReadsIdxmigShardFirst() {
        assertEquals(new Shard(3, 4), ShardSource.resolve("auto", env(Map.of("IDXMIG_SHARD", "3/4",
                "CI_NODE_INDEX", "1", "CI_NODE_TOTAL", "2"))));
    }

    @Test
    void autoReadsGitlabParallelOneBased() {
        assertEquals(new Shard(2, 5), ShardSource.resolve("auto", env(Map.of("CI_NODE_INDEX", "2",
                "CI_NODE_TOTAL", "5"))));
    }

    @Test
    void autoReadsKubernetesCompletionIndexZeroBasedWithTheDocumentedTotal() {
        assertEquals(new Shard(1, 4), ShardSource.resolve("AUTO", env(Map.of("JOB_COMPLETION_INDEX", "0",
                "IDXMIG_SHARD_TOTAL", "4"))));
        assertEquals(new Shard(4, 4), ShardSource.resolve("auto", env(Map.of("JOB_COMPLETION_INDEX", "3",
                "IDXMIG_SHARD_TOTAL", "4"))));
    }

    @Test
    void autoWithoutVariablesSaysWhichToSet() {
        IdxmigException e = assertThrows(IdxmigException.class, () -> ShardSource.resolve("auto", env(Map.of())));
        assertEquals(Failure.USAGE, e.failure());
        assertEquals("--shard auto found no shard in the environment", e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("IDXMIG_SHARD=K/N"));
    }

    @Test
    void autoWithHalfOfAnEnginesVariablesNamesTheMissingOne() {
        IdxmigException e = assertThrows(IdxmigException.class, () -> ShardSource.resolve("auto",
                env(Map.of("JOB_COMPLETION_INDEX", "2"))));
        assertTrue(e.getMessage().contains("IDXMIG_SHARD_TOTAL is not set"), e::getMessage);
        e = assertThrows(IdxmigException.class, () -> ShardSource.resolve("auto",
                env(Map.of("JOB_COMPLETION_INDEX", "4", "IDXMIG_SHARD_TOTAL", "4"))));
        assertTrue(e.getMessage().contains("5/4"), e::getMessage);
        e = assertThrows(IdxmigException.class, () -> ShardSource.resolve("auto", env(Map.of("CI_NODE_TOTAL", "3"))));
        assertTrue(e.getMessage().contains("CI_NODE_INDEX is not set"), e::getMessage);
    }

    @Test
    void sharedTargetsAreInEveryShard() {
        Target shared = target("public (shared)", true);
        for (int k = 1; k <= 3; k++) {
            assertEquals(List.of(shared), new Shard(k, 3).select(List.of(shared)).stream()
                    .filter(Target::shared).toList());
        }
    }

    static Target target(String name, boolean shared) {
        return new Target(name, DatabaseUrls.parse("jdbc:sqlite:fleet.db"), name, List.of("migrations"), shared);
    }

    private static Environment env(Map<String, String> variables) {
        return new Environment(variables, Path.of("."));
    }
}
