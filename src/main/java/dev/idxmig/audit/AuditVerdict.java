package dev.idxmig.audit;

import dev.idxmig.audit.Evidence.CheckPromise;
import dev.idxmig.audit.Evidence.MeasuredGain;
import dev.idxmig.audit.Evidence.NodeUsage;
import dev.idxmig.audit.Evidence.PromiseState;
import dev.idxmig.audit.Evidence.Usage;
import dev.idxmig.config.Durations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The verdict on one index, decided from its {@link Evidence} alone, with the reasons a reviewer checks it
 * against and the warnings that limit it (a short window, a window asked for that the statistics do not cover).
 *
 * @param scans        scans counted in the window, over every server asked; empty where nothing is counted
 * @param covered      how long the statistics cover since the index was built (the shortest over the servers)
 * @param coversWindow whether they cover at least the window asked for ({@code --since}); true when none was
 */
public record AuditVerdict(Verdict verdict, List<String> reasons, List<String> warnings, Optional<Long> scans,
                           Optional<Duration> covered, boolean coversWindow) {

    /** Under a week of statistics, weekly or monthly jobs may not have run. */
    static final Duration SHORT_WINDOW = Duration.ofDays(7);

    public AuditVerdict {
        reasons = List.copyOf(reasons);
        warnings = List.copyOf(warnings);
    }

    /**
     * Worst first: a check that fails or a measured gain that is missing breaks the promise; else no scan in the
     * window is unused; else an adopted index no check names is unknown; else checks that hold deliver; else
     * scans alone are used, never proven; and without statistics or checks nothing can be said.
     */
    public static AuditVerdict of(Evidence e) {
        List<String> reasons = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Optional<Window> window = e.usage().map(u -> Window.of(u, e.since(), warnings, reasons));
        List<CheckPromise> judged = e.checks().stream().filter(c -> c.state() != PromiseState.NOT_JUDGED).toList();
        List<String> broken = new ArrayList<>();
        judged.stream().filter(c -> c.state() == PromiseState.BROKEN)
                .forEach(c -> broken.add("check '" + c.check() + "' fails now: " + c.detail()));
        e.gains().forEach(g -> g.broken().ifPresent(broken::add));
        Verdict verdict = decide(e, window, judged, broken, reasons);
        Optional<Long> scans = window.map(Window::scans);
        return new AuditVerdict(verdict, reasons, warnings, scans, window.map(Window::covered),
                window.map(w -> w.covers(e.since())).orElse(true));
    }

    private static Verdict decide(Evidence e, Optional<Window> window, List<CheckPromise> judged,
                                  List<String> broken, List<String> reasons) {
        if (!broken.isEmpty()) {
            reasons.addAll(0, broken);
            return Verdict.PROMISE_BROKEN;
        }
        // an adopted index that enforces a constraint is not unused for want of scans: it stands for its constraint
        boolean adoptedGuard = e.adopted() && e.enforcesConstraint() && judged.isEmpty();
        if (window.isPresent() && window.get().scans() == 0 && !adoptedGuard) {
            reasons.add(0, "0 scans in " + Durations.human(window.get().covered()) + " of statistics since it was built");
            if (e.enforcesConstraint()) {
                reasons.add("it enforces a constraint: kept even so");
            }
            return Verdict.UNUSED_SINCE_BUILT;
        }
        window.ifPresent(w -> reasons.add(0, w.scans() + " scan" + (w.scans() == 1 ? "" : "s") + " in "
                + Durations.human(w.covered()) + " of statistics since it was built"));
        if (judged.isEmpty()) {
            if (e.adopted()) {
                reasons.add(0, "adopted at the baseline; no check names it" + (e.enforcesConstraint()
                        ? "; it enforces a constraint" : ""));
                return Verdict.ADOPTED_UNKNOWN;
            }
            if (window.isPresent()) {
                reasons.add("no check or bench target names it");
                return Verdict.USED_NEVER_PROVEN;
            }
            reasons.add("this database keeps no usage statistics, and no check names it");
            return Verdict.UNKNOWN;
        }
        judged.forEach(c -> reasons.add("check '" + c.check() + "' holds: " + c.detail()));
        e.gains().stream().filter(MeasuredGain::measured).forEach(g -> reasons.add(gain(g)));
        if (window.isEmpty()) {
            reasons.add("usage cannot be known on this database: judged on its checks alone");
        }
        return Verdict.DELIVERED;
    }

    private static String gain(MeasuredGain g) {
        double after = g.afterMs().getAsDouble();
        if (g.beforeMs().isPresent()) {
            return g.check() + ": median " + MeasuredGain.ms(g.beforeMs().getAsDouble()) + " -> "
                    + MeasuredGain.ms(after);
        }
        return g.check() + ": median " + MeasuredGain.ms(after) + ", within its target "
                + MeasuredGain.ms(g.targetMs().getAsDouble());
    }

    /** The statistics' window for one index over every server: the scans in it and how long it is. */
    private record Window(long scans, Duration covered) {

        static Window of(Usage usage, Optional<Duration> since, List<String> warnings, List<String> reasons) {
            long scans = 0;
            Duration covered = null;
            for (NodeUsage node : usage.nodes()) {
                Instant start = node.statisticsSince().isAfter(usage.builtAt()) ? node.statisticsSince()
                        : usage.builtAt();
                if (node.statisticsSince().isAfter(usage.builtAt())) {
                    reasons.add(node.node() + ": scans counted since the " + node.source().label() + " at "
                            + Spans.utc(node.statisticsSince()) + ", after the build at "
                            + Spans.utc(usage.builtAt()));
                }
                Duration nodeCovered = Duration.between(start, usage.now());
                covered = covered == null || nodeCovered.compareTo(covered) < 0 ? nodeCovered : covered;
                scans += inWindow(node, usage.now(), since, reasons);
            }
            Duration span = covered == null ? Duration.ZERO : covered;
            if (since.isPresent() && since.get().compareTo(span) > 0) {
                warnings.add("--since " + Durations.human(since.get()) + " is longer than the " + Durations.human(span)
                        + " the statistics cover: judged on " + Durations.human(span) + " only");
            } else if (span.compareTo(SHORT_WINDOW) < 0) {
                warnings.add("statistics cover " + Durations.human(span) + ", less than a week: an index weekly or "
                        + "monthly jobs use can look unused");
            }
            return new Window(scans, span);
        }

        /** A server's scans, or none when its last scan (where recorded) fell before the window asked for. */
        private static long inWindow(NodeUsage node, Instant now, Optional<Duration> since, List<String> reasons) {
            if (since.isPresent() && node.scans() > 0 && node.lastScan().isPresent()
                    && node.lastScan().get().isBefore(now.minus(since.get()))) {
                reasons.add(node.node() + ": " + node.scans() + " scans, the last at " + Spans.utc(node.lastScan().get())
                        + ", before the last " + Durations.human(since.get()));
                return 0;
            }
            return node.scans();
        }

        boolean covers(Optional<Duration> since) {
            return since.map(s -> covered.compareTo(s) >= 0).orElse(true);
        }
    }
}
