package dev.idxmig.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The process' surroundings: environment variables and the working directory. Passed in rather than read
 * from {@code System.getenv()}, so tests can drive the whole CLI with their own.
 */
public record Environment(Map<String, String> variables, Path workDir) {

    public Environment {
        variables = Map.copyOf(variables);
        workDir = workDir.toAbsolutePath().normalize();
    }

    public static Environment current() {
        return new Environment(System.getenv(), Path.of("").toAbsolutePath());
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isEmpty());
    }

    public Path resolve(String path) {
        return workDir.resolve(path).normalize();
    }
}
