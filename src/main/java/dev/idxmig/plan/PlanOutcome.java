package dev.idxmig.plan;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The structured result of one plan check, for {@code --format json}: what the plan showed, beside the pass/fail
 * findings of the check itself.
 *
 * @param chosen   whether the access-path expectations hold on the plan the planner chose; empty when the check
 *                 has none or did not run
 * @param usable   whether they hold with sequential scans discouraged; empty where the database cannot say
 * @param plan     the chosen plan, one line per node, index and full-scan nodes marked
 */
public record PlanOutcome(
        String name,
        String status,
        Optional<Boolean> chosen,
        Optional<Boolean> usable,
        List<String> indexes,
        OptionalDouble cost,
        OptionalLong rowsExamined,
        List<String> plan,
        List<String> usablePlan) {

    public PlanOutcome {
        indexes = List.copyOf(indexes);
        plan = List.copyOf(plan);
        usablePlan = List.copyOf(usablePlan);
    }
}
