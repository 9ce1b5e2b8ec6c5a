package dev.idxmig.base;

import java.util.Optional;

/**
 * A failure an operator can act on: what failed ({@link #getMessage()}), and what to do about it ({@link #hint()}).
 * The message must already be free of secrets; the error handler masks once more before printing.
 */
public class IdxmigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Failure failure;
    private final String hint;

    public IdxmigException(Failure failure, String message, String hint, Throwable cause) {
        super(message, cause);
        this.failure = failure;
        this.hint = hint;
    }

    public IdxmigException(Failure failure, String message, String hint) {
        this(failure, message, hint, null);
    }

    public static IdxmigException usage(String message, String hint) {
        return new IdxmigException(Failure.USAGE, message, hint);
    }

    public static IdxmigException connection(String message, String hint, Throwable cause) {
        return new IdxmigException(Failure.CONNECTION, message, hint, cause);
    }

    public static IdxmigException operation(String message, String hint, Throwable cause) {
        return new IdxmigException(Failure.OPERATION, message, hint, cause);
    }

    public static IdxmigException lock(String message, String hint) {
        return new IdxmigException(Failure.LOCK, message, hint);
    }

    public Failure failure() {
        return failure;
    }

    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }
}
