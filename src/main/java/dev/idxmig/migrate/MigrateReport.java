package dev.idxmig.migrate;

import dev.idxmig.base.Problem;

import dev.idxmig.ledger.MigrationRun;
import dev.idxmig.base.CheckReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code migrate} did: the migrations it applied with the indexes each one changed, or, for a dry run,
 * what it would apply. A failed run still lists what was applied before the failure. {@code backup}: the files of
 * the verified backup taken before the first migration ran, if one was taken.
 */
public record MigrateReport(
        String database,
        String schema,
        boolean dryRun,
        List<MigrationRun> applied,
        List<PlannedMigration> planned,
        // "schemaVersion" of the JSON document is its format's version; this is the database's migration version
        @com.fasterxml.jackson.annotation.JsonProperty("currentVersion") Optional<String> schemaVersion,
        Optional<Problem> problem,
        Optional<CheckReport> verification,
        List<String> backup) {

    public MigrateReport {
        applied = List.copyOf(applied);
        planned = List.copyOf(planned);
        backup = List.copyOf(backup);
    }

    public boolean succeeded() {
        return problem.isEmpty();
    }

    /**
     * Two runs as one, this one first (migrate --benchmark applies the migrations before the first index change,
     * measures, then applies the rest): everything applied, both backups, the second run's outcome.
     */
    public MigrateReport followedBy(MigrateReport next) {
        List<MigrationRun> runs = new ArrayList<>(applied);
        runs.addAll(next.applied);
        List<String> backups = new ArrayList<>(backup);
        backups.addAll(next.backup);
        return new MigrateReport(database, schema, false, runs, List.of(), next.schemaVersion.or(() -> schemaVersion),
                next.problem, next.verification, backups);
    }

    /** The same report, stopped by {@code problem} after what it applied. */
    public MigrateReport failedWith(Problem problem) {
        return new MigrateReport(database, schema, dryRun, applied, planned, schemaVersion, Optional.of(problem),
                verification, backup);
    }

    /** The same report with the verify run that followed the migration. */
    public MigrateReport withVerification(CheckReport report) {
        return new MigrateReport(database, schema, dryRun, applied, planned, schemaVersion, problem,
                Optional.of(report), backup);
    }
}
