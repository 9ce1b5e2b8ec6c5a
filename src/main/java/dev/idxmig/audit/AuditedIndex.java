package dev.idxmig.audit;

import dev.idxmig.audit.Evidence.CheckPromise;
import dev.idxmig.audit.Evidence.MeasuredGain;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One index of the ledger as the audit found it: where it came from, what was promised, what happened, the verdict.
 *
 * @param action        {@code created}, {@code changed} or {@code adopted}: the ledger row it stands by
 * @param appliedAt     when the ledger recorded it (UTC, ISO-8601)
 * @param sizeAtBuild   bytes when it was built, where the ledger has it
 * @param sizeNow       bytes now, where the database reports it
 * @param usage         the scans each server counted since the statistics started (and since it was built)
 * @param tableWrites   its table's inserts, updates and deletes since the statistics started (the primary's)
 * @param tableWritesPerHour those writes per hour over the time the primary's statistics cover: the write load
 *                      every index of the table adds work to
 * @param definition    the definition the ledger recorded: what the undo script of a drop builds again
 * @param coveredSeconds how long the statistics cover since it was built (the shortest over the servers)
 */
public record AuditedIndex(String index, String table, String version, String script, String action,
                           String appliedAt, long buildMs, OptionalLong sizeAtBuild, OptionalLong sizeNow,
                           boolean enforcesConstraint, List<CheckPromise> checks, List<MeasuredGain> gains,
                           List<Evidence.NodeUsage> usage, OptionalLong tableWrites,
                           OptionalDouble tableWritesPerHour, Verdict verdict,
                           List<String> reasons, List<String> warnings, Optional<Long> scans, boolean coversWindow,
                           Optional<String> definition, Optional<Long> coveredSeconds) {

    public AuditedIndex {
        checks = List.copyOf(checks);
        gains = List.copyOf(gains);
        usage = List.copyOf(usage);
        reasons = List.copyOf(reasons);
        warnings = List.copyOf(warnings);
    }
}
