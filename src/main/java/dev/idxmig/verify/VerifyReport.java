package dev.idxmig.verify;

import dev.idxmig.base.CheckReport;
import dev.idxmig.base.CheckResult;

import java.util.List;

/** What verify found, check by check; passes when no finding is an error. */
public record VerifyReport(String database, String schema, List<CheckResult> checks) implements CheckReport {

    public VerifyReport {
        checks = List.copyOf(checks);
    }

    @Override
    public String title() {
        return "verify " + database + ", schema " + schema;
    }
}
