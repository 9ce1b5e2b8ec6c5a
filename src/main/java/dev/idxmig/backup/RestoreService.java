package dev.idxmig.backup;

import dev.idxmig.base.Problem;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.BuildSettings;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.CatalogSnapshot;
import dev.idxmig.db.Database;
import dev.idxmig.db.Dialect;
import dev.idxmig.db.IndexInfo;
import dev.idxmig.db.RunnerLock;
import dev.idxmig.db.StatementSequence;
import dev.idxmig.base.Diagnostics;
import dev.idxmig.safebuild.SafeDataSource;
import dev.idxmig.safebuild.StatementJournal;
import dev.idxmig.base.Failure;
import dev.idxmig.base.Interruption;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Restores a backup: an index snapshot by building the missing indexes and dropping those not in it (concurrently
 * where the database can), a database copy through the dialect's backup tool.
 */
public final class RestoreService {
    private final Database database;
    private final ProjectSettings settings;
    private final Diagnostics diagnostics;
    private final BuildSettings build;

    /** @param build how an index snapshot's statements are built: through safe builds where the database has them */
    public RestoreService(Database database, ProjectSettings settings, BuildSettings build, Diagnostics diagnostics) {
        this.build = build;
        this.database = database;
        this.settings = settings;
        this.diagnostics = diagnostics;
    }

    public RestoreReport restore(Path from, boolean dryRun) {
        Path file = settings.workDir().resolve(from).normalize();
        if (!Files.isRegularFile(file)) {
            throw IdxmigException.usage("backup file not found: " + file, "check the --from path");
        }
        if (IndexSnapshotFile.isSnapshot(file)) {
            return restoreIndexes(file, dryRun);
        }
        try (RunnerLock ignored = dryRun ? () -> { } : database.dialect().lockRunners(database, settings.lockWait())) {
            List<String> actions = database.dialect().backupTool().restoreCopy(database, file, dryRun);
            return new RestoreReport(database.productVersion(), database.schema(), file.toString(), "database copy",
                    dryRun, List.of(), 0, actions, List.of(), Optional.empty());
        }
    }

    private RestoreReport restoreIndexes(Path file, boolean dryRun) {
        IndexSnapshotFile.Snapshot snapshot = IndexSnapshotFile.read(file);
        if (!snapshot.schema().equals(database.schema())) {
            throw IdxmigException.usage(file + " is a snapshot of schema " + snapshot.schema() + ", not of "
                    + database.schema(), "pass --schema " + snapshot.schema());
        }
        try (RunnerLock ignored = dryRun ? () -> { } : database.dialect().lockRunners(database, settings.lockWait());
             Interruption.Registration guard = dryRun ? () -> { } : Interruption.guard()) {
            CatalogSnapshot live = database.snapshot();
            List<String> statements = statements(live, snapshot, database.dialect());
            List<RestoreReport.Drop> drops = drops(live, snapshot);
            if (dryRun || statements.isEmpty()) {
                return report(file, dryRun, statements, 0, drops, Optional.empty());
            }
            diagnostics.info("restoring the index state of " + file + ": " + statements.size() + " statements");
            // The statements are worked out from the live catalog each time, so a restore run again after a kill
            // or an interrupt does what is still missing: no intent log is needed (nor reachable from this layer).
            // The journal here only makes a first Ctrl-C stop after the running statement.
            StatementSequence.Outcome outcome = new StatementSequence(database, SafeDataSource.around(database,
                    build, diagnostics, StatementJournal.of(sql -> { }, Optional::empty)))
                    .run(statements);
            boolean interrupted = outcome.kind() == Failure.INTERRUPTED && !outcome.completed();
            Optional<Problem> problem = outcome.error().map(e -> new Problem(
                    outcome.kind(), (interrupted ? "interrupted: stopped after statement " + outcome.executed()
                    : "statement " + (outcome.executed() + 1) + " failed") + " of " + statements.size()
                    + ": " + e + "; the " + outcome.executed() + " before it ran",
                    outcome.hint().or(() -> Optional.of((interrupted ? "run" : "fix the cause and run")
                            + " the restore again: it only does what is still missing"))));
            return report(file, false, statements, outcome.executed(), drops, problem);
        }
    }

    private RestoreReport report(Path file, boolean dryRun, List<String> statements, int executed,
                                 List<RestoreReport.Drop> drops, Optional<Problem> problem) {
        return new RestoreReport(database.productVersion(), database.schema(), file.toString(), "index snapshot",
                dryRun, statements, executed, List.of(), drops, problem);
    }

    /** The live indexes a restore of {@code wanted} drops, in the order of {@link #statements}' drops. */
    static List<RestoreReport.Drop> drops(CatalogSnapshot live, IndexSnapshotFile.Snapshot wanted) {
        Map<String, String> want = wanted.indexes().stream().collect(Collectors.toMap(IndexSnapshotFile.Entry::name,
                IndexSnapshotFile.Entry::definition, (a, b) -> b));
        List<RestoreReport.Drop> drops = new ArrayList<>();
        for (IndexInfo index : live.all()) {
            String definition = want.get(index.name());
            if (definition == null || !definition.equals(index.definition()) || !index.healthy()) {
                drops.add(new RestoreReport.Drop(index.name(), index.table(), definition != null));
            }
        }
        drops.sort(java.util.Comparator.comparing(RestoreReport.Drop::index));
        return drops;
    }

    /** Drops first (indexes not in the snapshot, or defined otherwise), then builds what the snapshot has. */
    static List<String> statements(CatalogSnapshot live, IndexSnapshotFile.Snapshot wanted, Dialect dialect) {
        Map<String, String> want = wanted.indexes().stream().collect(Collectors.toMap(IndexSnapshotFile.Entry::name,
                IndexSnapshotFile.Entry::definition, (a, b) -> b, java.util.LinkedHashMap::new));
        Map<String, IndexInfo> have = live.all().stream().collect(Collectors.toMap(IndexInfo::name,
                Function.identity()));
        List<String> drops = new ArrayList<>();
        List<String> creates = new ArrayList<>();
        for (IndexInfo index : live.all()) {
            String definition = want.get(index.name());
            if (definition == null || !definition.equals(index.definition()) || !index.healthy()) {
                drops.add(dialect.onlineDrop(index.schema(), index.name()));
            }
        }
        for (Map.Entry<String, String> e : want.entrySet()) {
            IndexInfo now = have.get(e.getKey());
            if (now == null || !now.definition().equals(e.getValue()) || !now.healthy()) {
                creates.add(dialect.onlineCreate(e.getValue()));
            }
        }
        drops.sort(null);
        List<String> all = new ArrayList<>(drops);
        all.addAll(creates);
        return all;
    }
}
