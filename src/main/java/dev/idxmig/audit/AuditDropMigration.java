package dev.idxmig.audit;

import dev.idxmig.audit.Evidence.PromiseState;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.Durations;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.doctor.DoctorReport;
import dev.idxmig.doctor.DropMigration;
import dev.idxmig.doctor.IndexDrop;
import dev.idxmig.script.MigrationLocations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code audit --write-migration}: the next versioned migration dropping the indexes that never paid off, written by
 * doctor's {@link DropMigration}, and its undo script ({@code U<version>__audit_drop_indexes.sql}) building each
 * again from the definition the ledger recorded, so the drop is as reversible as the build was.
 */
public final class AuditDropMigration {
    public static final String DESCRIPTION = "audit_drop_indexes";
    /** Without --since, an index must have gone unused for a week of statistics to be dropped. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

    private AuditDropMigration() {
    }

    /** The migration and undo script, and what was left out and why. */
    public record Written(Optional<Path> migration, Optional<Path> undo, List<IndexDrop> drops, List<String> kept) {
    }

    /**
     * Unused since built, or broken with no scan in the window, for at least the window; never an index that
     * enforces a constraint, one a check that holds now names, or one whose definition the ledger lacks.
     */
    static List<IndexDrop> drops(AuditReport report, Database db, Duration window, List<String> kept) {
        List<IndexDrop> drops = new ArrayList<>();
        for (AuditedIndex i : report.indexes()) {
            boolean unused = i.verdict() == Verdict.UNUSED_SINCE_BUILT;
            boolean brokenUnscanned = i.verdict() == Verdict.PROMISE_BROKEN && i.scans().map(n -> n == 0).orElse(true);
            if (!unused && !brokenUnscanned) {
                continue;
            }
            Optional<String> why = keep(i, window);
            if (why.isPresent()) {
                kept.add(i.index() + ": " + why.get());
                continue;
            }
            drops.add(new IndexDrop(report.schema(), i.table(), i.index(), db.dialect().onlineDrop(report.schema(),
                    i.table(), i.index()) + ";", i.verdict().label() + ": " + (i.reasons().isEmpty() ? "" : i.reasons().get(0))));
        }
        return drops;
    }

    private static Optional<String> keep(AuditedIndex i, Duration window) {
        if (i.enforcesConstraint()) {
            return Optional.of("enforces a constraint, never dropped by audit");
        }
        if (i.checks().stream().anyMatch(c -> c.state() == PromiseState.HOLDS)) {
            return Optional.of("a check that holds now names it");
        }
        if (i.definition().isEmpty()) {
            return Optional.of("the ledger has no definition to build it again from");
        }
        if (i.coveredSeconds().isPresent() && i.coveredSeconds().get() < window.getSeconds()) {
            return Optional.of("statistics cover " + Durations.human(Duration.ofSeconds(i.coveredSeconds().get()))
                    + " since it was built, less than the window of " + Durations.human(window));
        }
        return Optional.empty();
    }

    /** A migrations folder audit cannot write to is a usage error before anything is read. */
    public static void checkWritable(ProjectSettings settings, String vendor) {
        for (Path folder : MigrationLocations.of(settings, vendor).folders()) {
            if (Files.isDirectory(folder) && !Files.isWritable(folder)) {
                throw IdxmigException.usage("audit --write-migration cannot write to the migrations folder "
                        + folder, "check the folder's permissions, or run audit without --write-migration");
            }
        }
    }

    /**
     * The drops audit proposes, as doctor's report type so that doctor's drop proof ({@code --hypothetical}) and
     * writer take them as they are; what is left out and why goes to {@code kept}.
     */
    public static DoctorReport proposal(AuditReport report, Database db, Duration window, List<String> kept) {
        return new DoctorReport(report.title(), List.of(), drops(report, db, window, kept));
    }

    /** Writes the proposal (after any proof) as the next migration, and its undo script. */
    public static Written write(DoctorReport proposal, AuditReport report, Database db, ProjectSettings settings,
                                Instant now, List<String> kept) {
        List<IndexDrop> drops = proposal.drops();
        Optional<Path> migration = DropMigration.write(proposal, db, settings, now, DESCRIPTION, "audit");
        if (migration.isEmpty()) {
            return new Written(Optional.empty(), Optional.empty(), drops, kept);
        }
        Path undo = migration.get().resolveSibling("U" + migration.get().getFileName().toString().substring(1));
        StringBuilder sql = new StringBuilder("-- " + undo.getFileName() + ": undoes "
                + migration.get().getFileName() + ", building again each index it drops from the definition the "
                + "ledger recorded\n-- ('idxmig rollback' runs it instead of the ledger's inverse).\n");
        for (IndexDrop drop : drops) {
            AuditedIndex i = report.indexes().stream().filter(x -> x.index().equals(drop.index())).findFirst()
                    .orElseThrow();
            sql.append('\n').append(db.dialect().onlineCreate(i.definition().orElseThrow())).append(";\n");
        }
        try {
            Files.writeString(undo, sql.toString(), StandardOpenOption.CREATE_NEW);
            Optional<String> config = db.dialect().indexScriptConfig();
            if (config.isPresent()) {
                Files.writeString(undo.resolveSibling(undo.getFileName() + ".conf"), config.get(),
                        StandardOpenOption.CREATE_NEW);
            }
        } catch (IOException e) {
            throw IdxmigException.usage("cannot write undo script " + undo + ": " + e.getMessage(),
                    "check that the migrations folder is writable");
        }
        return new Written(migration, Optional.of(undo), drops, kept);
    }
}
