package dev.idxmig.shadow;

import dev.idxmig.base.CheckReport;
import dev.idxmig.base.CheckResult;

import java.util.List;

/**
 * What a shadow replay proved: one check for the copy itself, then one per pending migration (ok with what it
 * changed, failed with file, line and the database's own error, or not reached after a failure).
 *
 * @param shadow  where the copy was and how it was made; it is dropped by the time the report exists
 */
public record ShadowReport(String title, String shadow, List<CheckResult> checks) implements CheckReport {

    public ShadowReport {
        checks = List.copyOf(checks);
    }
}
