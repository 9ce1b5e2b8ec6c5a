package dev.idxmig.doctor;

import dev.idxmig.base.CheckReport;
import dev.idxmig.base.CheckResult;

import java.util.List;

/**
 * What {@code idxmig doctor} found on a live database: one check result per kind of finding, and the indexes
 * it would drop (unused, duplicate, redundant), once each, for {@code --write-migration}.
 */
public record DoctorReport(String title, List<CheckResult> checks, List<IndexDrop> drops) implements CheckReport {

    public DoctorReport {
        checks = List.copyOf(checks);
        drops = List.copyOf(drops);
    }
}
