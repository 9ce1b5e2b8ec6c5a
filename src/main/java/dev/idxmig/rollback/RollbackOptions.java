package dev.idxmig.rollback;

import dev.idxmig.script.Version;

/**
 * How to run {@code rollback}: how far back ({@link Reach}); {@code dryRun} only plans; {@code force} undoes only
 * the index part of migrations that changed more than indexes. A real rollback is always verified afterwards.
 * The command validated the flags before connecting ({@code --to} and {@code --steps} exclude each other); the
 * type holds what is left of those rules.
 */
public record RollbackOptions(Reach reach, boolean dryRun, boolean force) {

    /** Down to a version ({@code --to}), or back by a number of migrations ({@code --steps}, 1 by default). */
    public sealed interface Reach {
        /** Undo every migration above {@code version}; the schema is left at it. */
        record DownTo(Version version) implements Reach {
        }

        /** Undo the newest {@code count} migrations. */
        record Steps(int count) implements Reach {
            public Steps {
                if (count < 1) {
                    throw new IllegalArgumentException("steps must be 1 or more, not " + count);
                }
            }
        }

        /** What a rollback without {@code --to} or {@code --steps} undoes: the newest migration. */
        static Reach newest() {
            return new Steps(1);
        }
    }
}
