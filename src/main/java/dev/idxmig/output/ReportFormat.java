package dev.idxmig.output;

/** The output formats of {@code --format}. */
public enum ReportFormat {
    TEXT, JSON, JUNIT, MARKDOWN, SARIF;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
