package dev.idxmig.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the command line said about settings; every field absent unless the flag was given.
 *
 * @param environment the environment of a Flyway project's flyway.toml to read ({@code --environment})
 * @param table       Flyway's history table ({@code --table})
 */
public record CliOverrides(
        Optional<String> url,
        Optional<String> user,
        Optional<String> passwordEnv,
        Optional<Path> passwordFile,
        Optional<String> schema,
        List<String> locations,
        Optional<Path> config,
        Optional<Path> checks,
        Optional<String> lockWait,
        Optional<String> lockTimeout,
        Optional<String> statementTimeout,
        Map<String, String> placeholders,
        Optional<String> environment,
        Optional<String> table) {

    public CliOverrides {
        locations = List.copyOf(locations);
        placeholders = Map.copyOf(placeholders);
    }

    public static CliOverrides none() {
        return new CliOverrides(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Map.of(), Optional.empty(), Optional.empty());
    }
}
