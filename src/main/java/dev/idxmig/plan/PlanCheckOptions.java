package dev.idxmig.plan;

import java.util.List;

/**
 * How to run plan-check.
 *
 * @param analyze  run ANALYZE on each check's tables first (updates the planner's statistics, never data)
 * @param only     names of the checks to run; empty for all
 */
public record PlanCheckOptions(PlanCheckMode mode, boolean analyze, List<String> only) {

    public PlanCheckOptions {
        only = List.copyOf(only);
    }
}
