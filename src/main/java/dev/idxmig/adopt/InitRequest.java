package dev.idxmig.adopt;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code init} writes: in {@code workDir}, an idxmig.yaml naming {@code url} and {@code user} (when given; never
 * a password) and the migrations folder.
 */
public record InitRequest(Path workDir, Optional<String> url, Optional<String> user) {
}
