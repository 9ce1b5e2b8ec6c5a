package dev.idxmig.advise;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One round of choosing among measured candidates, as a pure function. A candidate qualifies when it cuts the
 * summed estimated cost of the queries whose plans use it by at least the minimum gain. Of those, the one saving
 * the most cost wins, except that among those saving nearly as much (within {@value #NEARLY}) the smallest wins
 * (a partial index over a full one, fewer columns over more). The service then makes the winner hypothetically,
 * plans again, and measures the rest against it: a candidate whose queries the winner already serves no longer
 * qualifies, so one index serving several queries beats several indexes serving one each.
 */
final class Selection {
    static final double NEARLY = 0.9;

    private Selection() {
    }

    /**
     * @param pick      the candidate to propose this round, if any qualifies
     * @param qualified the others that qualified: measured again next round
     * @param rejected  those that did not, with the reason
     */
    record Round(Optional<Measured> pick, List<Measured> qualified, List<Rejected> rejected) {
    }

    record Rejected(Measured measured, String reason, Optional<String> servedBy) {
    }

    /** @param proposed the indexes proposed in earlier rounds, present in these measurements */
    static Round round(List<Measured> measured, double minGain, List<Candidate> proposed) {
        return round(measured, minGain, proposed, ESTIMATED_COST);
    }

    /** What gains are shares of: the planner's estimated cost, or where there is none the plan's shape. */
    static final String ESTIMATED_COST = "the estimated cost";
    static final String PLAN_WORK = "the plan work (full scans, sorts, search terms: no costs on this database)";

    static Round round(List<Measured> measured, double minGain, List<Candidate> proposed, String measure) {
        List<Rejected> rejected = new ArrayList<>();
        List<Measured> qualified = new ArrayList<>();
        for (Measured m : measured) {
            List<String> same = proposed.stream().filter(p -> p.table().equals(m.candidate().table()))
                    .map(Candidate::name).toList();
            String with = same.isEmpty() ? "" : "with " + String.join(", ", same) + " proposed, ";
            Optional<String> by = same.isEmpty() ? Optional.empty() : Optional.of(same.get(same.size() - 1));
            if (m.notCheckable().isPresent()) {
                rejected.add(new Rejected(m, "not checkable, so not proposed: " + m.notCheckable().get(),
                        Optional.empty()));
            } else if (m.before().isEmpty()) {
                rejected.add(new Rejected(m, with + "no query's plan uses it, even hypothetically", by));
            } else if (m.gain() < minGain) {
                rejected.add(new Rejected(m, String.format(Locale.ROOT, "%sit saves %.0f%% of %s of the queries "
                        + "that use it, below --min-gain %.0f%%", with, 100 * m.gain(), measure, 100 * minGain), by));
            } else {
                qualified.add(m);
            }
        }
        if (qualified.isEmpty()) {
            return new Round(Optional.empty(), List.of(), rejected);
        }
        double best = qualified.stream().mapToDouble(Selection::saved).max().orElse(0);
        Measured pick = qualified.stream().filter(m -> saved(m) >= NEARLY * best)
                .min(Comparator.comparingLong((Measured m) -> m.sizeBytes().orElse(Long.MAX_VALUE))
                        .thenComparingInt(m -> m.candidate().keys().size() + m.candidate().include().size())
                        .thenComparing(m -> -saved(m)))
                .orElseThrow();
        qualified.remove(pick);
        return new Round(Optional.of(pick), qualified, rejected);
    }

    private static double saved(Measured m) {
        return m.costBefore(m.before().keySet()) - m.costAfter(m.before().keySet());
    }
}
