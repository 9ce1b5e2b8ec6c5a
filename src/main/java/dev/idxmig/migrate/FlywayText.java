package dev.idxmig.migrate;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The one place that reads Flyway's English. Failures are told apart by Flyway's error codes where it has one
 * ({@code FlywayException.getErrorCode()}); what a code does not carry (which version, which schema) is read from
 * the text here, and {@code FlywayFailuresContractTest} runs the real Flyway on each case so that an upgrade that
 * rewords a message fails a test.
 * <p>
 * Also: Flyway's exception texts without the advice written for Flyway's own command line ("Run Flyway with -X option",
 * "run repair", "Please restore backups"): an idxmig user has no {@code -X} and different commands, so that advice
 * misleads. What stays is what failed; idxmig adds its own hint.
 */
public final class FlywayText {
    private static final List<Pattern> ADVICE = List.of(
            Pattern.compile("(?i)\\s*Run Flyway with -X option[^\\n]*"),
            Pattern.compile("(?i)\\s*Please remove any half-completed changes[^\\n]*"),
            Pattern.compile("(?i)\\s*Please restore backups[^\\n]*"),
            Pattern.compile("(?i)\\s*Either revert the changes to the migration, or run repair[^\\n]*"),
            Pattern.compile("(?i)\\s*If you removed this migration intentionally, run repair[^\\n]*"),
            Pattern.compile("(?i)\\s*Please ensure you have configured the correct file encoding[^\\n]*"),
            Pattern.compile("(?i)\\s*For more information, see[^\\n]*"));

    private static final Pattern NON_EMPTY = Pattern.compile("(?i)non-empty schema\\(s\\) \"?([^\"\\s]+)\"? but no");
    private static final Pattern CHECKSUM = Pattern.compile("checksum mismatch for migration version (\\S+)");
    private static final Pattern FAILED = Pattern.compile("(?i)detected failed migration to version (\\S+)");
    private static final Pattern RESOLVED_MISSING = Pattern.compile(
            "(?i)detected applied migration not resolved locally: (\\S+)");

    private FlywayText() {
    }

    /** The schema a NON_EMPTY_SCHEMA_WITHOUT_SCHEMA_HISTORY_TABLE failure names. */
    static java.util.Optional<String> nonEmptySchema(String text) {
        return group(NON_EMPTY, text);
    }

    /** Validation: the version of an applied script edited since (checksum mismatch). */
    static java.util.Optional<String> checksumMismatch(String text) {
        return group(CHECKSUM, text).map(FlywayText::trimDot);
    }

    /** Validation: the version recorded as failed. */
    static java.util.Optional<String> failedVersion(String text) {
        return group(FAILED, text).map(FlywayText::trimDot);
    }

    /** Validation: the version applied whose script is not in the folders. */
    static java.util.Optional<String> appliedNotResolved(String text) {
        return group(RESOLVED_MISSING, text).map(FlywayText::trimDot);
    }

    private static java.util.Optional<String> group(Pattern pattern, String text) {
        java.util.regex.Matcher m = pattern.matcher(text);
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    private static String trimDot(String s) {
        return s.endsWith(".") || s.endsWith(",") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * Flyway's report of a failed SQL statement: what it was doing, then {@code SQL State : ...}, {@code Error Code :
     * ...} and {@code Message : ...} lines (and, for a script, {@code Location}, {@code Line}, {@code Statement}).
     */
    private static final Pattern SQL_REPORT = Pattern.compile(
            "(?s)^(.*?)\\R\\s*SQL State\\s*:\\s*(\\S*)\\s*\\R\\s*Error Code\\s*:\\s*(\\S*)\\s*\\R\\s*Message\\s*:\\s*"
                    + "(.*?)\\s*(\\R\\s*(Location|Line|Statement)\\s*:.*)?$");

    /** The text with every piece of Flyway's own advice removed, and no trailing blank lines. */
    public static String plain(String text) {
        String result = text;
        for (Pattern advice : ADVICE) {
            result = advice.matcher(result).replaceAll("");
        }
        return serverWordsFirst(result.replaceAll("(?m)^[ \\t]*-{3,}[ \\t]*\\R", "").strip());
    }

    /**
     * A failed statement's report as one sentence with the server's own words in it, which a one-line summary (a
     * fleet's target row) would otherwise cut off: "Unable to create schema ``: Incorrect database name ''
     * (SQLSTATE 42000, error 1102)", the script's location lines kept below.
     */
    static String serverWordsFirst(String text) {
        java.util.regex.Matcher m = SQL_REPORT.matcher(text);
        if (!m.matches() || m.group(4).isBlank()) {
            return text;
        }
        String doing = m.group(1).strip();
        String codes = m.group(2).isEmpty() || m.group(2).equals("null") ? "" : " (SQLSTATE " + m.group(2)
                + (m.group(3).isEmpty() || m.group(3).equals("0") ? "" : ", error " + m.group(3)) + ")";
        String where = m.group(5) == null ? "" : "\n" + m.group(5).strip();
        return (doing.isEmpty() ? "" : doing + ": ") + m.group(4).strip() + codes + where;
    }

    /** The plain message of a Flyway failure that no service translated; empty for any other exception. */
    public static java.util.Optional<String> ofFlywayFailure(Throwable t) {
        return t instanceof org.flywaydb.core.api.FlywayException
                ? java.util.Optional.of(plain(String.valueOf(t.getMessage()))) : java.util.Optional.empty();
    }
}
