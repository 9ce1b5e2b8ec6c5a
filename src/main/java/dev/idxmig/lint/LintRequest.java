package dev.idxmig.lint;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What to lint.
 *
 * @param scope    pending scripts (the default), all scripts, or the given files
 * @param files    the files, for {@link Scope#FILES}, relative to the working directory
 * @param disabled rule ids switched off (config {@code lint.disable} and {@code --disable})
 */
public record LintRequest(Scope scope, List<Path> files, Set<String> disabled) {

    public enum Scope { PENDING, ALL, FILES }

    public LintRequest {
        files = List.copyOf(files);
        disabled = Set.copyOf(disabled);
    }
}
