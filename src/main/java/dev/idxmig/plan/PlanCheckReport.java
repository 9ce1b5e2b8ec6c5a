package dev.idxmig.plan;

import dev.idxmig.base.CheckReport;
import dev.idxmig.base.CheckResult;

import java.util.List;

/** What plan-check found: one check result per query (its plan in the details) and the structured outcomes. */
public record PlanCheckReport(String title, String mode, List<CheckResult> checks, List<PlanOutcome> outcomes)
        implements CheckReport {

    public PlanCheckReport {
        checks = List.copyOf(checks);
        outcomes = List.copyOf(outcomes);
    }
}
