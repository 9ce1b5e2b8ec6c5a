package dev.idxmig.safebuild;

import dev.idxmig.script.IndexStatement;
import dev.idxmig.db.IndexBuilds;
import dev.idxmig.base.Diagnostics;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Shows one running index statement: on a terminal a progress bar redrawn in place, elsewhere a plain line every
 * few seconds; nothing for a statement that finishes before the first second (it gets only its result line).
 */
public final class BuildDisplay {
    /** Phases of pg_stat_progress_create_index in the order a build goes through them. */
    private static final List<String> CONCURRENT_PHASES = List.of("initializing", "waiting for writers before build",
            "building index", "waiting for writers before validation", "index validation: scanning index",
            "index validation: sorting tuples", "index validation: scanning table", "waiting for old snapshots",
            "waiting for readers before marking dead", "waiting for readers before dropping");
    private static final List<String> PLAIN_PHASES = List.of("initializing", "building index");
    static final Duration QUIET_START = Duration.ofSeconds(1);
    static final Duration LINE_EVERY = Duration.ofSeconds(5);

    private final Diagnostics diagnostics;
    private final String subject;
    private final String taskName;
    private final boolean concurrent;
    private final boolean reindex;
    private final java.util.function.LongSupplier clock;
    private final long startNanos;
    private static final int BAR_WIDTH = 24;
    private long lastLineNanos;
    private boolean drawn;

    BuildDisplay(Diagnostics diagnostics, IndexStatement statement, String subject) {
        this(diagnostics, statement, subject, System::nanoTime);
    }

    /** @param clock nanoseconds, as {@link System#nanoTime()} (a test's own clock) */
    BuildDisplay(Diagnostics diagnostics, IndexStatement statement, String subject,
                 java.util.function.LongSupplier clock) {
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.phaseStartNanos = startNanos;
        this.diagnostics = diagnostics;
        this.subject = subject;
        this.taskName = statement.name().orElse("index");
        this.concurrent = statement.concurrent();
        this.reindex = statement.kind() == IndexStatement.Kind.REINDEX_INDEX
                || statement.kind() == IndexStatement.Kind.REINDEX_TABLE;
    }

    Duration elapsed() {
        return Duration.ofNanos(clock.getAsLong() - startNanos);
    }

    /** Called by the observer on each poll, with what it saw. */
    void update(Optional<IndexBuilds.Progress> progress, Optional<IndexBuilds.Wait> wait) {
        update(progress, wait, List.of());
    }

    /**
     * Called by the observer on each poll, with what it saw, including who blocks the build now. A wait is shown as
     * a wait, with how long it has lasted and how long each blocker has been active, both live: never as a
     * percentage of work (a build waiting in its last phase is not "99% done").
     */
    void update(Optional<IndexBuilds.Progress> progress, Optional<IndexBuilds.Wait> wait,
                List<IndexBuilds.Blocker> blockers) {
        trackPhase(progress);
        Duration elapsed = elapsed();
        if (elapsed.compareTo(QUIET_START) < 0) {
            return;
        }
        String phase = phase(progress, wait);
        Optional<String> waiting = waiting(progress, wait, blockers);
        if (diagnostics.terminal()) {
            // Redrawn on every poll, so the elapsed time and the wait move even while the phase does not.
            int filled = (int) Math.round(done(progress, waiting.isPresent()) * BAR_WIDTH);
            String bar = taskName + " [" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] ";
            diagnostics.redraw(waiting.map(w -> bar + w + "; " + phase + ", " + seconds(elapsed))
                    .orElseGet(() -> String.format(Locale.ROOT, "%s%3d%% %s, %s", bar,
                            Math.round(done(progress, false) * 100), phase, seconds(elapsed))), false);
            drawn = true;
            return;
        }
        long now = clock.getAsLong();
        if (lastLineNanos == 0 || now - lastLineNanos >= LINE_EVERY.toNanos()) {
            lastLineNanos = now;
            diagnostics.info("  " + subject + ": " + phase + waiting.map(w -> "; " + w).orElse("") + ", "
                    + seconds(elapsed));
        }
    }

    /** The phase seen last and since when, to time a waiting phase the wait view does not show (yet). */
    private String lastPhase = "";
    private long phaseStartNanos;

    private void trackPhase(Optional<IndexBuilds.Progress> progress) {
        String phase = progress.map(IndexBuilds.Progress::phase).orElse("");
        if (!phase.equals(lastPhase)) {
            lastPhase = phase;
            phaseStartNanos = clock.getAsLong();
        }
    }

    /**
     * "waiting 12.3s for older transactions to end, blocked by pid 9608 (user app, active for 14s)" while the
     * build waits: in a lock wait, or in one of the phases that wait for other transactions.
     */
    Optional<String> waiting(Optional<IndexBuilds.Progress> progress, Optional<IndexBuilds.Wait> wait,
                             List<IndexBuilds.Blocker> blockers) {
        boolean waitingPhase = progress.map(p -> p.phase().startsWith("waiting")).orElse(false);
        Optional<IndexBuilds.Wait> lock = wait.filter(w -> "Lock".equals(w.type()));
        if (lock.isEmpty() && !waitingPhase) {
            return Optional.empty();
        }
        Duration waited = lock.map(IndexBuilds.Wait::waited)
                .orElseGet(() -> Duration.ofNanos(clock.getAsLong() - phaseStartNanos));
        String what = lock.map(w -> w.forTableLock() ? "for the table lock" : w.forTransactions()
                ? "for older transactions to end" : "for a lock (" + w.event() + ")")
                .orElse("for other transactions");
        StringBuilder text = new StringBuilder("waiting ").append(seconds(waited)).append(' ').append(what);
        if (!blockers.isEmpty()) {
            text.append(", blocked by ");
            for (int i = 0; i < blockers.size(); i++) {
                IndexBuilds.Blocker b = blockers.get(i);
                text.append(i == 0 ? "" : ", ").append("pid ").append(b.pid()).append(" (").append(b.state())
                        .append(" for ").append(b.since().toSeconds()).append("s)");
            }
        }
        return Optional.of(text.toString());
    }

    /** Ends the bar, if one was drawn (it stays on screen); the result line is the caller's. */
    void finish() {
        if (drawn) {
            diagnostics.redraw("", true);
            drawn = false;
        }
    }

    /** "phase 2 of 8 waiting for writers before build (1 of 2 lockers, now pid 4711)" or "building index 37%". */
    String phase(Optional<IndexBuilds.Progress> progress, Optional<IndexBuilds.Wait> wait) {
        if (progress.isEmpty()) {
            return wait.filter(IndexBuilds.Wait::forTableLock)
                    .map(w -> "waiting for the table lock").orElse("starting"); // the caller adds the time
        }
        IndexBuilds.Progress p = progress.get();
        List<String> phases = phases();
        int k = phaseNumber(p.phase(), phases);
        StringBuilder text = new StringBuilder();
        text.append("phase ").append(k).append(" of ").append(phases.size()).append(' ').append(p.phase());
        if (p.blocksTotal() > 0) {
            text.append(String.format(Locale.ROOT, " %d%% of %d blocks", 100 * p.blocksDone() / p.blocksTotal(),
                    p.blocksTotal()));
        } else if (p.tuplesTotal() > 0) {
            text.append(String.format(Locale.ROOT, " %d%% of %d tuples", 100 * p.tuplesDone() / p.tuplesTotal(),
                    p.tuplesTotal()));
        }
        if (p.lockersTotal() > 0) {
            text.append(" (").append(p.lockersDone()).append(" of ").append(p.lockersTotal())
                    .append(" lockers done");
            if (p.currentLockerPid() > 0) {
                text.append(", waiting for pid ").append(p.currentLockerPid());
            }
            text.append(')');
        }
        return text.toString();
    }

    private List<String> phases() {
        if (!concurrent) {
            return PLAIN_PHASES;
        }
        return reindex ? CONCURRENT_PHASES : CONCURRENT_PHASES.subList(0, 8);
    }

    private static int phaseNumber(String phase, List<String> phases) {
        for (int i = 0; i < phases.size(); i++) {
            if (phase.startsWith(phases.get(i))) {
                return i + 1;
            }
        }
        return 1;
    }

    /**
     * Share of the whole build done: finished phases plus the fraction of the current one; while waiting, only the
     * finished phases (waiting is not work done).
     */
    double done(Optional<IndexBuilds.Progress> progress, boolean waiting) {
        if (progress.isEmpty()) {
            return 0;
        }
        IndexBuilds.Progress p = progress.get();
        List<String> phases = phases();
        double inPhase = waiting ? 0 : p.blocksTotal() > 0 ? (double) p.blocksDone() / p.blocksTotal()
                : p.tuplesTotal() > 0 ? (double) p.tuplesDone() / p.tuplesTotal() : 0;
        return Math.min(1.0, (phaseNumber(p.phase(), phases) - 1 + inPhase) / phases.size());
    }

    static String seconds(Duration d) {
        return d.toMillis() < 10_000 ? String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0)
                : d.toSeconds() + "s";
    }

}
