package dev.idxmig.lint;

import dev.idxmig.base.Severity;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What to lint.
 *
 * @param scope    pending scripts (the default), all scripts, or the given files
 * @param files    the files, for {@link Scope#FILES}, relative to the working directory
 * @param disabled rule ids switched off (config {@code lint.disable} and {@code --disable})
 * @param dialect  the database to lint for offline ({@code postgresql}, {@code sqlite}), when chosen explicitly;
 *                 else the connected database's, else the one {@code {vendor}} folders of the files name, else the
 *                 configured URL's
 * @param failOn   the least severity that fails the report
 */
public record LintRequest(Scope scope, List<Path> files, Set<String> disabled, Optional<String> dialect,
                          Severity failOn) {

    public enum Scope { PENDING, ALL, FILES }

    public LintRequest {
        files = List.copyOf(files);
        disabled = Set.copyOf(disabled);
    }

    /** Lint for the configured database, failing on errors. */
    public LintRequest(Scope scope, List<Path> files, Set<String> disabled) {
        this(scope, files, disabled, Optional.empty(), Severity.ERROR);
    }
}
