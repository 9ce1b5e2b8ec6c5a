package dev.idxmig.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times and spans as the audit report writes them for people: {@code 3 days}, {@code 2026-12-07 21:09 UTC}. */
final class Spans {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Spans() {
    }

    static String human(Duration span) {
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

    static String utc(Instant instant) {
        return UTC.format(instant);
    }
}
