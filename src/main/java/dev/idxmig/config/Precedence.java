package dev.idxmig.config;

import java.util.Optional;

/**
 * The one order in which idxmig looks a setting up, for {@link SettingsResolver} and {@link BuildSettings} alike:
 * the flag, then the environment, then the project file (idxmig.yaml, or a Flyway project's files in its place),
 * then the default. A setting that has no flag or no variable passes {@code Optional.empty()} for it.
 */
final class Precedence {
    private Precedence() {
    }

    /** The first value given, flag before environment before project file; empty when none is. */
    static <T> Optional<T> first(Optional<T> flag, Optional<T> environment, Optional<T> projectFile) {
        return flag.or(() -> environment).or(() -> projectFile);
    }

    /** The same, with the default when none is given. */
    static <T> T first(Optional<T> flag, Optional<T> environment, Optional<T> projectFile, T fallback) {
        return first(flag, environment, projectFile).orElse(fallback);
    }
}
