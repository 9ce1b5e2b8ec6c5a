package dev.idxmig.shadow;

import dev.idxmig.backup.BackupScope;
import dev.idxmig.base.CheckResult;
import dev.idxmig.base.Diagnostics;
import dev.idxmig.base.Finding;
import dev.idxmig.base.Problem;
import dev.idxmig.config.BuildSettings;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.db.ShadowPlace;
import dev.idxmig.db.ShadowCopy;
import dev.idxmig.ledger.LedgerEntry;
import dev.idxmig.ledger.MigrationRun;
import dev.idxmig.migrate.MigrateOptions;
import dev.idxmig.migrate.MigrateReport;
import dev.idxmig.migrate.MigrateService;
import dev.idxmig.script.MigrationScript;
import dev.idxmig.script.Version;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replays the pending migrations on a schema-only copy of the target, exactly as {@code migrate} applies them
 * (the same MigrateService: Flyway setup, placeholders, safe builds, ledger), then drops the copy. What the rows
 * decide (a unique index over duplicates, how long a build takes) cannot show in a copy without rows.
 */
public final class ShadowReplayService {
    private static final String CHECK = "shadow";

    private final Database target;
    private final ProjectSettings settings;
    private final BuildSettings build;
    private final Diagnostics diagnostics;

    public ShadowReplayService(Database target, ProjectSettings settings, BuildSettings build,
                               Diagnostics diagnostics) {
        this.target = target;
        this.settings = settings;
        this.build = build;
        this.diagnostics = diagnostics;
    }

    public ShadowReport replay(ShadowReplayRequest request) {
        String title = "migrate --dry-run --shadow " + target.productVersion() + ", schema " + target.schema();
        Optional<Version> upTo = request.targetVersion().filter(Version::isVersion).map(Version::parse);
        List<MigrationScript> pending = PendingIndexChanges.scripts(target, settings).stream()
                .filter(s -> upTo.map(v -> s.version().compareTo(v) <= 0).orElse(true)).toList();
        if (pending.isEmpty()) {
            return new ShadowReport(title, "none", List.of(new CheckResult("pending migrations",
                    List.of(Finding.info(CHECK, "pending migrations", "nothing is pending: no shadow needed")),
                    List.of(), 0)));
        }
        long start = System.nanoTime();
        diagnostics.info("copying the schema of the target into a shadow");
        List<CheckResult> checks = new ArrayList<>();
        String description;
        MigrateReport report;
        try (ShadowCopy copy = target.dialect().shadowCopies().copy(target, new ShadowPlace(request.shadowAt(), request.template()), false,
                diagnostics)) {
            description = copy.description();
            long copied = (System.nanoTime() - start) / 1_000_000;
            diagnostics.info("shadow: " + description + ", in " + copied + " ms; replaying " + pending.size()
                    + " pending migration" + (pending.size() == 1 ? "" : "s"));
            report = new MigrateService(copy.database(), settings, build, diagnostics).migrate(
                    new MigrateOptions(request.targetVersion(), false, BackupScope.NONE, false));
            checks.add(new CheckResult("shadow copy", List.of(), List.of(description,
                    "made in " + copied + " ms, dropped after the replay; the target was only read"), copied));
        }
        checks.addAll(results(pending, report));
        return new ShadowReport(title, description, checks);
    }

    private List<CheckResult> results(List<MigrationScript> pending, MigrateReport report) {
        List<CheckResult> results = new ArrayList<>();
        Optional<Problem> problem = report.problem();
        boolean reported = false;
        Optional<String> stoppedAt = Optional.empty();
        for (MigrationScript script : pending) {
            Optional<MigrationRun> run = report.applied().stream()
                    .filter(r -> r.script().equals(script.fileName())).reduce((a, b) -> b);
            if (run.isPresent() && run.get().outcome() == LedgerEntry.Outcome.APPLIED) {
                results.add(new CheckResult(script.fileName(), List.of(), changes(run.get()),
                        run.get().durationMs()));
            } else if (stoppedAt.isEmpty() && (run.isPresent() || problem.isPresent())) {
                String message = problem.map(Problem::message)
                        .or(() -> run.flatMap(MigrationRun::error)).orElse("failed");
                results.add(new CheckResult(script.fileName(), List.of(Finding.error(CHECK, script.fileName(),
                        "fails in the shadow: " + message, "fix the script before it reaches the target; "
                                + "migrate --dry-run --shadow proves it again")),
                        List.of(), run.map(MigrationRun::durationMs).orElse(0L)));
                stoppedAt = Optional.of(script.fileName());
                reported = true;
            } else if (stoppedAt.isPresent()) {
                results.add(new CheckResult(script.fileName(), List.of(Finding.warning(CHECK, script.fileName(),
                        "not replayed: the replay stopped at " + stoppedAt.get(), null)), List.of(), 0));
            } else {
                results.add(new CheckResult(script.fileName(), List.of(Finding.warning(CHECK, script.fileName(),
                        "not replayed (beyond --target, or not seen by Flyway)", null)), List.of(), 0));
            }
        }
        if (problem.isPresent() && !reported) {
            results.add(new CheckResult("replay", List.of(Finding.error(CHECK, "replay", problem.get().message(),
                    problem.get().hint().orElse(null))), List.of(), 0));
        }
        return results;
    }

    private List<String> changes(MigrationRun run) {
        List<String> lines = new ArrayList<>();
        lines.add("applies in the shadow (" + run.durationMs() + " ms on empty tables)");
        for (LedgerEntry e : run.indexChanges()) {
            lines.add(e.action().label() + " " + e.indexName().orElse("?") + e.table().map(t -> " on " + t).orElse(""));
        }
        run.nonIndexChanges().ifPresent(c -> lines.add(c));
        return lines;
    }
}
