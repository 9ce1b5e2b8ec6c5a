package dev.idxmig.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything the verdict on one index is decided from; {@link AuditVerdict#of} reads nothing else.
 *
 * @param adopted            the ledger recorded it at the baseline (no migration built it)
 * @param enforcesConstraint it is unique or backs a primary key, unique or exclusion constraint: never dropped
 * @param checks             the checks of the checks file naming it in {@code uses_index}, judged now
 * @param gains              the bench measurements of those checks
 * @param usage              the scans counted since it was built; empty where the database keeps no statistics
 * @param since              the window asked for ({@code --since}); empty: all the statistics cover
 */
public record Evidence(boolean adopted, boolean enforcesConstraint, List<CheckPromise> checks,
                       List<MeasuredGain> gains, Optional<Usage> usage, Optional<Duration> since) {

    public Evidence {
        checks = List.copyOf(checks);
        gains = List.copyOf(gains);
    }

    /** How a check that names the index fares now. */
    public enum PromiseState {
        HOLDS, BROKEN,
        /** not run here (another database's check) or could not be planned: neither proof nor disproof */
        NOT_JUDGED
    }

    /** A check naming the index and its plan-check result now; {@code detail} says why in a few words. */
    public record CheckPromise(String check, PromiseState state, String detail) {
    }

    /**
     * A check's medians from bench runs: before the index was built, after it, and the check's target.
     * Any of them may be missing.
     */
    public record MeasuredGain(String check, OptionalDouble beforeMs, OptionalDouble afterMs,
                               OptionalDouble targetMs) {

        /** Why the measurement breaks the promise (slower than the target, or no faster than before), if it does. */
        public Optional<String> broken() {
            if (afterMs.isPresent() && targetMs.isPresent() && afterMs.getAsDouble() > targetMs.getAsDouble()) {
                return Optional.of(check + ": median " + ms(afterMs.getAsDouble()) + " is over its target "
                        + ms(targetMs.getAsDouble()));
            }
            if (afterMs.isPresent() && beforeMs.isPresent() && afterMs.getAsDouble() >= beforeMs.getAsDouble()) {
                return Optional.of(check + ": no measured gain, median " + ms(beforeMs.getAsDouble()) + " before, "
                        + ms(afterMs.getAsDouble()) + " after");
            }
            return Optional.empty();
        }

        /** Whether a gain or a target met was measured (not just promised). */
        public boolean measured() {
            return afterMs.isPresent() && (beforeMs.isPresent() || targetMs.isPresent()) && broken().isEmpty();
        }

        static String ms(double ms) {
            return ms >= 100 ? String.format(java.util.Locale.ROOT, "%.0f ms", ms)
                    : String.format(java.util.Locale.ROOT, "%.2f ms", ms);
        }
    }

    /** Where a server's statistics start counting from. */
    public enum StatisticsSource {
        STATISTICS_RESET("statistics reset"), SERVER_START("server start");

        private final String label;

        StatisticsSource(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * The scans one server (the primary, or a standby) counted.
     *
     * @param lastScan        the time of the last scan, where the server records it (PostgreSQL 16+)
     * @param statisticsSince when this server's counters started (the last reset, else its start)
     */
    public record NodeUsage(String node, long scans, Optional<Instant> lastScan, Instant statisticsSince,
                            StatisticsSource source) {
    }

    /** The scans of every server asked, for an index built at {@code builtAt}, as of {@code now}. */
    public record Usage(Instant builtAt, Instant now, List<NodeUsage> nodes) {

        public Usage {
            nodes = List.copyOf(nodes);
        }

        public long scans() {
            return nodes.stream().mapToLong(NodeUsage::scans).sum();
        }
    }
}
