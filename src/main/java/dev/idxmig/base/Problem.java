package dev.idxmig.base;

import java.util.Optional;

/**
 * Why an operation stopped, as a report carries it: the exit code's kind, what failed, and what to do. Reports
 * keep it as data (so every writer can print it); the command line turns it into the exit code.
 *
 * @param kind    the documented exit code
 * @param message what failed, in the database's own words where it has them; free of secrets
 * @param hint    what the operator can do about it
 */
public record Problem(Failure kind, String message, Optional<String> hint) {

    /** The failure to throw where the report's problem ends the command. */
    public IdxmigException toException() {
        return new IdxmigException(kind, message, hint.orElse(null));
    }
}
