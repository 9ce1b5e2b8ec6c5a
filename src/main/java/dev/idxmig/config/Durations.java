package dev.idxmig.config;

import dev.idxmig.base.IdxmigException;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations as operators write them: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 0} (off). A bare
 * number is seconds, for every duration option, environment variable and idxmig.yaml key alike.
 */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)?");

    private Durations() {
    }

    public static Duration parse(String text, String what) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw IdxmigException.usage("cannot read " + what + " '" + text + "'",
                    "write it like 500ms, 5s, 2m or 1h (a bare number is seconds)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        switch (unit) {
            case "ms":
                return Duration.ofMillis(n);
            case "m":
            case "min":
                return Duration.ofMinutes(n);
            case "h":
                return Duration.ofHours(n);
            default:
                return Duration.ofSeconds(n);
        }
    }

    /** The short form, for reports and for PostgreSQL settings ({@code 5000ms}). */
    public static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
