package dev.idxmig.base;

/**
 * Why a command stopped. Each kind carries the documented exit code, so services can say what went wrong
 * without knowing about the command line, and the command line maps it to {@code System.exit} in one place.
 */
public enum Failure {
    /** Problems found by a check (verify, plan-check, lint, doctor, a missed bench target). */
    PROBLEMS(1),
    /** Bad flags, bad configuration, unreadable migrations. Nothing was changed. */
    USAGE(2),
    /** The database cannot be reached or refused the credentials. */
    CONNECTION(3),
    /** A migration, rollback, backup or restore failed and was stopped safely. */
    OPERATION(4),
    /** A lock was not acquired in time: another runner, or a blocking session. */
    LOCK(5),
    /**
     * Part of the run could not be done and the report says which part (a standby that audit cannot count); the
     * rest ran and its findings stand.
     */
    PARTIAL(6),
    /** A bug in idxmig. */
    INTERNAL(70),
    /**
     * Interrupted (Ctrl-C, SIGTERM): the running statement finished or was cancelled, the intent log says where it
     * stopped, and the same command run again finishes the job.
     */
    INTERRUPTED(130);

    private final int exitCode;

    Failure(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
