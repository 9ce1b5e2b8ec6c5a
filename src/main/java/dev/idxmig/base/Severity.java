package dev.idxmig.base;

/**
 * How bad a finding is. By default only {@link #ERROR} fails a check (exit code 1); {@code --fail-on} lowers the
 * threshold ({@link CheckReport#passed(Severity)}).
 */
public enum Severity {
    ERROR, WARNING, INFO;

    /** Whether this severity is as bad as the threshold or worse: WARNING is at least INFO, not at least ERROR. */
    public boolean atLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
