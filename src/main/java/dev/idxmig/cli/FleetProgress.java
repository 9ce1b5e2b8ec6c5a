package dev.idxmig.cli;

import dev.idxmig.fleet.TargetOutcome;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The fleet's progress board on a terminal: a line per running target with how long it has run, then an overall
 * bar (targets done of total, by outcome, elapsed). Drawn by {@link Console}'s live region; thread-safe.
 */
final class FleetProgress {
    static final int BAR_WIDTH = 30;
    /** Running targets shown one per line; more are summed up in one line. */
    static final int MAX_RUNNING_LINES = 8;

    private final int total;
    private final LongSupplier clock;
    private final long start;
    private final Map<String, Long> running = new LinkedHashMap<>();
    private final Map<TargetOutcome.Status, Integer> done = new EnumMap<>(TargetOutcome.Status.class);

    /** @param clock nanoseconds, monotonic ({@link System#nanoTime()}) */
    FleetProgress(int total, LongSupplier clock) {
        this.total = total;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    synchronized void started(String target) {
        running.put(target, clock.getAsLong());
    }

    synchronized void finished(TargetOutcome outcome) {
        running.remove(outcome.target());
        done.merge(outcome.status(), 1, Integer::sum);
    }

    synchronized List<String> lines() {
        long now = clock.getAsLong();
        List<String> lines = new ArrayList<>();
        int shown = 0;
        for (Map.Entry<String, Long> r : running.entrySet()) {
            if (shown++ == MAX_RUNNING_LINES) {
                lines.add("  ... and " + (running.size() - MAX_RUNNING_LINES) + " more running");
                break;
            }
            lines.add("  running  " + r.getKey() + "  " + seconds(now - r.getValue()));
        }
        int finished = done.values().stream().mapToInt(Integer::intValue).sum();
        int filled = total == 0 ? BAR_WIDTH : (int) ((long) BAR_WIDTH * finished / total);
        StringBuilder bar = new StringBuilder("[").append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled))
                .append("] ").append(finished).append('/').append(total).append(" targets");
        List<String> counts = new ArrayList<>();
        count(counts, TargetOutcome.Status.OK, "ok");
        count(counts, TargetOutcome.Status.PROBLEMS, "with problems");
        count(counts, TargetOutcome.Status.FAILED, "failed");
        count(counts, TargetOutcome.Status.SKIPPED, "skipped");
        if (!counts.isEmpty()) {
            bar.append(": ").append(String.join(", ", counts));
        }
        bar.append("  ").append(seconds(now - start));
        lines.add(bar.toString());
        return lines;
    }

    private void count(List<String> counts, TargetOutcome.Status status, String label) {
        int n = done.getOrDefault(status, 0);
        if (n > 0) {
            counts.add(n + " " + label);
        }
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1fs", nanos / 1e9);
    }
}
