package dev.idxmig.config;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One order for every setting: flag, then environment, then the project file, then the default. */
@Tag("unit")
class PrecedenceTest {
    @TempDir
    Path dir;

    @Test
    void theFirstGivenWinsInFlagEnvironmentFileOrder() {
        assertEquals("flag", Precedence.first(Optional.of("flag"), Optional.of("env"), Optional.of("file"), "dflt"));
        assertEquals("env", Precedence.first(Optional.empty(), Optional.of("env"), Optional.of("file"), "dflt"));
        assertEquals("file", Precedence.first(Optional.empty(), Optional.empty(), Optional.of("file"), "dflt"));
        assertEquals("dflt", Precedence.first(Optional.<String>empty(), Optional.empty(), Optional.empty(), "dflt"));
        assertEquals(Optional.empty(), Precedence.first(Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void projectSettingsAndBuildSettingsFollowTheSameOrder() throws IOException {
        Files.writeString(dir.resolve("idxmig.yaml"), "lock_wait: 3m\nbuild:\n  wait: 3m\n");
        Map<String, String> variables = new HashMap<>();
        assertEquals(List.of(Duration.ofMinutes(3), Duration.ofMinutes(3)), waits(variables, Optional.empty()));
        variables.put("IDXMIG_LOCK_WAIT", "2m");
        variables.put("IDXMIG_BUILD_WAIT", "2m");
        assertEquals(List.of(Duration.ofMinutes(2), Duration.ofMinutes(2)), waits(variables, Optional.empty()));
        assertEquals(List.of(Duration.ofMinutes(1), Duration.ofMinutes(1)), waits(variables, Optional.of("1m")));
        Files.delete(dir.resolve("idxmig.yaml"));
        variables.clear();
        assertEquals(List.of(Duration.ofSeconds(60), Duration.ofMinutes(30)), waits(variables, Optional.empty()));
    }

    @Test
    void buildSettingsUseTheProjectFileAsReadOnceNotAgain() throws IOException {
        Files.writeString(dir.resolve("idxmig.yaml"), "build:\n  retries: 7\n");
        Environment env = new Environment(Map.of(), dir);
        ProjectSettings project = SettingsResolver.resolve(CliOverrides.none(), env);
        Files.writeString(dir.resolve("idxmig.yaml"), "build:\n  retries: 1\n");
        assertEquals(7, BuildSettings.resolve(project, env, BuildSettings.Flags.none()).retries());
    }

    /** The lock wait of the project settings and the build wait of the build settings, from the same sources. */
    private List<Duration> waits(Map<String, String> variables, Optional<String> flag) {
        Environment env = new Environment(Map.copyOf(variables), dir);
        CliOverrides none = CliOverrides.none();
        CliOverrides cli = new CliOverrides(none.url(), none.user(), none.passwordEnv(), none.passwordFile(),
                none.schema(), none.locations(), none.config(), none.checks(), flag, none.lockTimeout(),
                none.statementTimeout(), none.placeholders(), none.environment(), none.table());
        ProjectSettings project = SettingsResolver.resolve(cli, env);
        BuildSettings.Flags f = BuildSettings.Flags.none();
        BuildSettings build = BuildSettings.resolve(project, env, new BuildSettings.Flags(flag, f.retries(),
                f.maintenanceWorkMem(), f.parallelWorkers(), f.applicationName(), f.largeTable(), false, false));
        return List.of(project.lockWait(), build.buildWait());
    }
}
