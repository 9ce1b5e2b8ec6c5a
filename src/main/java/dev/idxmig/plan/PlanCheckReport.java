package dev.idxmig.plan;

import dev.idxmig.report.CheckReport;
import dev.idxmig.report.CheckResult;

import java.util.List;

/** What plan-check found: one check result per query (its plan in the details) and the structured outcomes. */
public record PlanCheckReport(String title, String mode, List<CheckResult> checks, List<PlanOutcome> outcomes)
        implements CheckReport {

    public PlanCheckReport {
        checks = List.copyOf(checks);
        outcomes = List.copyOf(outcomes);
    }
}
