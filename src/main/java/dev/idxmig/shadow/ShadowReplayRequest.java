package dev.idxmig.shadow;

import dev.idxmig.config.ConnectionSettings;

import java.util.Optional;

/**
 * A shadow replay: where to make the copy (empty: beside the target, named after it), the template database to make
 * it from (empty: {@code pg_dump --schema-only} of the target), and up to which version.
 */
public record ShadowReplayRequest(Optional<ConnectionSettings> shadowAt, Optional<String> template,
                                  Optional<String> targetVersion) {
}
