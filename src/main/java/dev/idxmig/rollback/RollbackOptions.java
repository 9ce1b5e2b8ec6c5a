package dev.idxmig.rollback;

import java.util.Optional;

/**
 * How to run {@code rollback}: down to a version ({@code to}) or by a number of migrations ({@code steps}, 1 when
 * neither is given); {@code force} undoes only the index part of migrations that changed more than indexes;
 * {@code verify}: check what remains afterwards.
 */
public record RollbackOptions(Optional<String> to, Optional<Integer> steps, boolean dryRun, boolean force,
                              boolean verify) {
}
