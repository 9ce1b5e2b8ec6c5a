package dev.idxmig.rollback;

import dev.idxmig.script.Version;

import java.util.Optional;

/**
 * How to run {@code rollback}: down to a version ({@code to}) or by a number of migrations ({@code steps}, 1 when
 * neither is given); {@code force} undoes only the index part of migrations that changed more than indexes;
 * {@code verify}: check what remains afterwards. The command validated the flags before connecting
 * ({@code --to} and {@code --steps} exclude each other, {@code --steps} is 1 or more); a request that breaks that is
 * a bug, not a usage error.
 */
public record RollbackOptions(Optional<Version> to, Optional<Integer> steps, boolean dryRun, boolean force,
                              boolean verify) {

    public RollbackOptions {
        if (to.isPresent() && steps.isPresent()) {
            throw new IllegalArgumentException("to and steps exclude each other: " + to.get() + ", " + steps.get());
        }
        if (steps.map(n -> n < 1).orElse(false)) {
            throw new IllegalArgumentException("steps must be 1 or more, not " + steps.get());
        }
    }
}
