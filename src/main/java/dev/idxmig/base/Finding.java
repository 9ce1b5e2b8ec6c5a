package dev.idxmig.base;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing a check found: which check, how bad, about what object, what is wrong, and what to do.
 *
 * @param object   what the finding is about: an index, a table, a file with its line ({@code V2__x.sql:4:1})
 */
public record Finding(String check, Severity severity, String object, String message, Optional<String> hint) {

    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(message, "message");
        hint = hint == null ? Optional.empty() : hint;
    }

    public static Finding error(String check, String object, String message, String hint) {
        return new Finding(check, Severity.ERROR, object, message, Optional.ofNullable(hint));
    }

    public static Finding warning(String check, String object, String message, String hint) {
        return new Finding(check, Severity.WARNING, object, message, Optional.ofNullable(hint));
    }

    public static Finding info(String check, String object, String message) {
        return new Finding(check, Severity.INFO, object, message, Optional.empty());
    }
}
