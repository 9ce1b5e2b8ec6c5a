package dev.idxmig.cli;

import dev.idxmig.base.Failure;

/** The documented exit codes (listed for people in {@link RootCommand}'s help). */
final class ExitCodes {
    static final int OK = 0;
    static final int PROBLEMS = Failure.PROBLEMS.exitCode();
    static final int USAGE = Failure.USAGE.exitCode();
    static final int CONNECTION = Failure.CONNECTION.exitCode();
    static final int OPERATION = Failure.OPERATION.exitCode();
    static final int LOCK = Failure.LOCK.exitCode();
    static final int PARTIAL = Failure.PARTIAL.exitCode();
    static final int INTERNAL = Failure.INTERNAL.exitCode();
    static final int INTERRUPTED = Failure.INTERRUPTED.exitCode();

    private ExitCodes() {
    }
}
