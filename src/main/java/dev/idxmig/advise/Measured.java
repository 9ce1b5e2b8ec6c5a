package dev.idxmig.advise;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A candidate after the hypothetical re-plan: for each query whose plan used it, the estimated cost without it and
 * with it; or why it could not be made at all.
 *
 * @param before       served query name to its cost without the candidate
 * @param after        served query name to its cost with it
 * @param original     served query name to its cost without any proposed index: what gains are measured against
 * @param notCheckable why it could not be made hypothetically (HypoPG cannot model the access method, no HypoPG)
 */
record Measured(Candidate candidate, Map<String, Double> before, Map<String, Double> after,
                Map<String, Double> original, OptionalLong sizeBytes, Optional<String> notCheckable) {

    Measured {
        before = Map.copyOf(before);
        after = Map.copyOf(after);
        original = Map.copyOf(original);
    }

    static Measured unchecked(Candidate candidate, String why) {
        return new Measured(candidate, Map.of(), Map.of(), Map.of(), OptionalLong.empty(), Optional.of(why));
    }

    /**
     * The share of the served queries' cost without any proposal that this candidate saves over the cost now:
     * the first proposal's gain is its plain gain; a later one must save that much of the original cost again.
     */
    double gain() {
        double base = original.isEmpty() ? costBefore(before.keySet())
                : before.keySet().stream().mapToDouble(q -> original.getOrDefault(q, before.get(q))).sum();
        return base <= 0 ? 0 : (costBefore(before.keySet()) - costAfter(before.keySet())) / base;
    }

    double costBefore(java.util.Collection<String> queries) {
        return queries.stream().mapToDouble(q -> before.getOrDefault(q, 0.0)).sum();
    }

    double costAfter(java.util.Collection<String> queries) {
        return queries.stream().mapToDouble(q -> after.getOrDefault(q, 0.0)).sum();
    }
}
