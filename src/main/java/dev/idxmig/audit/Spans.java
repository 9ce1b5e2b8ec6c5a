package dev.idxmig.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the audit report writes them for people: {@code 2026-12-07 21:09 UTC}. */
final class Spans {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Spans() {
    }

    static String utc(Instant instant) {
        return UTC.format(instant);
    }
}
