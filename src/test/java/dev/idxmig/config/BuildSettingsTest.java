package dev.idxmig.config;

import dev.idxmig.base.IdxmigException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class BuildSettingsTest {
    @TempDir
    Path dir;

    private BuildSettings resolve(Map<String, String> env, BuildSettings.Flags flags) {
        Environment environment = new Environment(env, dir);
        ProjectSettings project = SettingsResolver.resolve(CliOverrides.none(), environment);
        return BuildSettings.resolve(project, environment, flags);
    }

    @Test
    void defaultsLeaveBuildMemoryAndWorkersToTheServer() {
        BuildSettings s = resolve(Map.of(), BuildSettings.Flags.none());
        assertEquals(Duration.ofSeconds(5), s.lockTimeout());
        assertEquals(Duration.ZERO, s.statementTimeout());
        assertEquals(Duration.ofMinutes(30), s.buildWait());
        assertEquals(3, s.retries());
        assertEquals(Optional.empty(), s.maintenanceWorkMem());
        assertEquals(OptionalInt.empty(), s.parallelWorkers());
        assertEquals("idxmig", s.applicationName());
        assertEquals(100L << 20, s.largeTableBytes());
        assertFalse(s.requireConcurrent() || s.repairInvalid());
    }

    @Test
    void flagsWinOverEnvironmentWhichWinsOverTheBuildSection() throws IOException {
        Files.writeString(dir.resolve("idxmig.yaml"), "build:\n  wait: 10m\n  retries: 7\n  large_table: 1GB\n"
                + "  require_concurrent: true\n  maintenance_work_mem: 256MB\n");
        BuildSettings s = resolve(Map.of("IDXMIG_BUILD_WAIT", "2m"), new BuildSettings.Flags(Optional.empty(),
                Optional.of("1"), Optional.empty(), Optional.of("0"), Optional.empty(), Optional.empty(), false,
                true));
        assertEquals(Duration.ofMinutes(2), s.buildWait());
        assertEquals(1, s.retries());
        assertEquals(1L << 30, s.largeTableBytes());
        assertEquals(Optional.of("256MB"), s.maintenanceWorkMem());
        assertEquals(OptionalInt.of(0), s.parallelWorkers());
        assertTrue(s.requireConcurrent() && s.repairInvalid());
    }

    @Test
    void unknownBuildKeyAndBadSizeAreUsageErrors() throws IOException {
        Files.writeString(dir.resolve("idxmig.yaml"), "build:\n  retry: 2\n");
        IdxmigException unknown = assertThrows(IdxmigException.class,
                () -> resolve(Map.of(), BuildSettings.Flags.none()));
        assertTrue(unknown.getMessage().contains("unknown key 'retry'"), unknown::getMessage);

        Files.writeString(dir.resolve("idxmig.yaml"), "build:\n  maintenance_work_mem: lots\n");
        IdxmigException size = assertThrows(IdxmigException.class,
                () -> resolve(Map.of(), BuildSettings.Flags.none()));
        assertEquals(2, size.failure().exitCode());
    }
}
