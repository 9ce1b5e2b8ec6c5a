package dev.idxmig.migrate;

import java.util.Optional;

/** How to run {@code migrate}: up to which version, and whether to only show the plan. */
public record MigrateOptions(Optional<String> target, boolean dryRun) {
}
