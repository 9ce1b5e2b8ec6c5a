package dev.idxmig.config;

import dev.idxmig.base.IdxmigException;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration rule: durations are written as operators write them, {@code 500ms}, {@code 5s}, {@code 2m},
 * {@code 1h}, {@code 7d}, {@code 2w}, {@code 0} (off). A bare number is seconds, for every duration option, environment variable and
 * idxmig.yaml key alike. Bench's {@code --min-regression}, whose bare number once meant milliseconds, takes no bare
 * number at all ({@link #parseWithUnit}, which also reads fractions such as {@code 0.5ms}), so that no run's meaning
 * changes silently.
 */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h|d|w)?");

    private Durations() {
    }

    /** A duration in a whole number of its unit ({@code 1.5s} is refused, as it always was); a bare number is seconds. */
    public static Duration parse(String text, String what) {
        String hint = "write it like 500ms, 5s, 2m, 1h or 7d (a bare number is seconds)";
        Matcher m = match(text, what, hint);
        if (m.group(1).contains(".")) {
            throw IdxmigException.usage("cannot read " + what + " '" + text + "'", hint);
        }
        return of(new BigDecimal(m.group(1)), m.group(2) == null ? "s" : m.group(2));
    }

    /**
     * A duration that must carry its unit: a bare number other than 0 is a usage error saying how to write it, not a
     * guess at what the operator meant.
     */
    public static Duration parseWithUnit(String text, String what) {
        Matcher m = match(text, what, "write it like 0.5ms, 2ms or 0.1s");
        BigDecimal n = new BigDecimal(m.group(1));
        if (m.group(2) == null && n.signum() != 0) {
            throw IdxmigException.usage(what + " " + text.trim() + " has no unit", "write " + m.group(1) + "ms (or "
                    + m.group(1) + "s): a bare number is not read as either here");
        }
        return of(n, m.group(2) == null ? "ms" : m.group(2));
    }

    private static Matcher match(String text, String what, String hint) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw IdxmigException.usage("cannot read " + what + " '" + text + "'", hint);
        }
        return m;
    }

    private static Duration of(BigDecimal n, String unit) {
        long nanosPerUnit = switch (unit) {
            case "ms" -> 1_000_000L;
            case "m", "min" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "d" -> 86_400_000_000_000L;
            case "w" -> 604_800_000_000_000L;
            default -> 1_000_000_000L;
        };
        return Duration.ofNanos(n.multiply(BigDecimal.valueOf(nanosPerUnit)).longValue());
    }

    /** How long, in words a report reads well with: {@code 45 seconds}, {@code 5 minutes}, {@code 3 hours}, {@code 9 days}. */
    public static String human(Duration span) {
        long seconds = Math.max(0, span.getSeconds());
        if (seconds >= 2 * 86_400) {
            return seconds / 86_400 + " days";
        }
        if (seconds >= 2 * 3_600) {
            return seconds / 3_600 + " hours";
        }
        if (seconds >= 120) {
            return seconds / 60 + " minutes";
        }
        return seconds + " seconds";
    }

    /** The short form, for reports and for PostgreSQL settings ({@code 5000ms}). */
    public static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
