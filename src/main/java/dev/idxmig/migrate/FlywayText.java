package dev.idxmig.migrate;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Flyway's exception texts without the advice written for Flyway's own command line ("Run Flyway with -X option",
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

    private FlywayText() {
    }

    /** The text with every piece of Flyway's own advice removed, and no trailing blank lines. */
    public static String plain(String text) {
        String result = text;
        for (Pattern advice : ADVICE) {
            result = advice.matcher(result).replaceAll("");
        }
        return result.replaceAll("(?m)^[ \\t]*-{3,}[ \\t]*\\R", "").strip();
    }

    /** The plain message of a Flyway failure that no service translated; empty for any other exception. */
    public static java.util.Optional<String> ofFlywayFailure(Throwable t) {
        return t instanceof org.flywaydb.core.api.FlywayException
                ? java.util.Optional.of(plain(String.valueOf(t.getMessage()))) : java.util.Optional.empty();
    }
}
