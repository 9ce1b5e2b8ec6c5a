package dev.idxmig.doctor;

import dev.idxmig.config.Durations;

import java.time.Duration;
import java.util.Optional;

/** Reads the row of {@code doctor_statistics_age}: since when usage statistics have been collected, for people. */
final class StatisticsAge {
    private StatisticsAge() {
    }

    /** {@code statistics collected since 2026-11-20 08:00:00+00 (server start, 2 days ago)}, or a warning. */
    static String describe(Optional<Row> context) {
        if (context.isEmpty()) {
            return "statistics age unknown";
        }
        return "statistics collected " + since(context);
    }

    /** {@code since 2026-11-20 08:00 UTC (server start, 2 days ago)}. */
    static String since(Optional<Row> context) {
        return context.map(row -> "since " + row.text("since") + " (" + row.text("source") + ", "
                + age(row.number("age_seconds")) + " ago)").orElse("since statistics were collected");
    }

    /** Short form for a finding's message: {@code in 2 days of statistics}. */
    static String window(Optional<Row> context) {
        return context.map(row -> "in " + age(row.number("age_seconds")) + " of statistics")
                .orElse("since statistics were collected");
    }

    static String age(long seconds) {
        return Durations.human(Duration.ofSeconds(seconds));
    }
}
