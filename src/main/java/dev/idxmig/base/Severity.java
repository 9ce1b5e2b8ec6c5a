package dev.idxmig.base;

/** How bad a finding is. Only {@link #ERROR} fails a check (exit code 1). */
public enum Severity {
    ERROR, WARNING, INFO;

    @com.fasterxml.jackson.annotation.JsonValue
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
