package dev.idxmig.migrate;

import dev.idxmig.base.Diagnostics;
import dev.idxmig.base.Failure;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.base.Problem;
import dev.idxmig.config.BuildSettings;
import dev.idxmig.db.CatalogSnapshot;
import dev.idxmig.db.Database;
import dev.idxmig.db.IndexInfo;
import dev.idxmig.db.SoftDrops;
import dev.idxmig.db.StatementSequence;
import dev.idxmig.ledger.IndexLedger;
import dev.idxmig.ledger.IntentLog;
import dev.idxmig.ledger.LedgerEntry;
import dev.idxmig.ledger.MigrationEffect;
import dev.idxmig.safebuild.SafeDataSource;
import dev.idxmig.safebuild.StatementJournal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code migrate --finish-soft-drops}: drops for real, online, every index the ledger records as soft-dropped and
 * the catalog still shows ignored, version by version through the intent log (a kill resumes: the drops are
 * {@code IF EXISTS}), and records each drop under the migration that soft-dropped it, so a later rollback of that
 * migration rebuilds the index instead of making it used again.
 */
final class SoftDropFinisher {
    private final Database database;
    private final BuildSettings build;
    private final Diagnostics diagnostics;

    SoftDropFinisher(Database database, BuildSettings build, Diagnostics diagnostics) {
        this.database = database;
        // the real drop, whatever the run's --soft-drop says
        this.build = build.withSoftDrops(false, false);
        this.diagnostics = diagnostics;
    }

    /** One soft drop to finish: its ledger row and the statement that finishes it. */
    record Pending(LedgerEntry softDrop, String statement) {
    }

    /** The soft drops to finish, by version (the ledger's order); read only. */
    Map<String, List<Pending>> pending(IntentLog intents) {
        Map<String, List<Pending>> byVersion = new LinkedHashMap<>();
        try (Connection c = database.connect()) {
            List<String> resumed = intents.unfinished(IntentLog.Kind.FINISH).stream()
                    .map(IntentLog.Intent::version).toList();
            CatalogSnapshot catalog = database.snapshot(c);
            Map<String, List<LedgerEntry>> versions = new LinkedHashMap<>();
            new IndexLedger(database.dialect(), database.schema()).read(c).forEach(e -> versions
                    .computeIfAbsent(e.number().toString(), k -> new ArrayList<>()).add(e));
            for (List<LedgerEntry> entries : versions.values()) {
                for (LedgerEntry e : MigrationEffect.indexChanges(entries)) {
                    pendingOf(e, catalog, resumed).ifPresent(p -> byVersion
                            .computeIfAbsent(e.version(), k -> new ArrayList<>()).add(p));
                }
            }
        } catch (SQLException e) {
            throw IdxmigException.operation("cannot read the ledger for --finish-soft-drops: "
                    + database.masker().mask(e.getMessage()), null, e);
        }
        return byVersion;
    }

    /**
     * The ledger row's soft drop to finish, if it is one still standing as recorded (or one an interrupted finish
     * of its version already dropped); a soft drop undone by hand since is said, and left.
     */
    private Optional<Pending> pendingOf(LedgerEntry e, CatalogSnapshot catalog, List<String> resumed) {
        if (e.action() != LedgerEntry.Action.SOFT_DROPPED || e.outcome() != LedgerEntry.Outcome.APPLIED) {
            return Optional.empty();
        }
        SoftDrops soft = database.dialect().softDrops().orElseThrow();
        Optional<IndexInfo> live = catalog.find(e.indexName().orElseThrow());
        boolean ignored = live.map(l -> soft.ignored(l.definition())).orElse(false);
        // gone, and a finish of its version was under way: an earlier attempt dropped it
        boolean droppedBefore = live.isEmpty() && resumed.contains(e.version());
        if (!ignored && !droppedBefore) {
            diagnostics.warn("soft drop of " + e.indexName().get() + " on " + e.table().orElse("?")
                    + " (by " + e.script() + ") not finished: the index is " + (live.isPresent()
                    ? "no longer " + soft.word() : "gone") + ", not as the ledger recorded it; "
                    + "'idxmig verify' says more");
            return Optional.empty();
        }
        return Optional.of(new Pending(e, database.dialect().onlineDrop(e.schema(), e.table().orElseThrow(),
                e.indexName().get())));
    }

    /** For a dry run: says what would be finished, changes nothing. */
    void plan(IntentLog intents) {
        Map<String, List<Pending>> pending = pending(intents);
        if (pending.isEmpty()) {
            diagnostics.info("no soft drop to finish");
        }
        pending.values().forEach(drops -> drops.forEach(p -> diagnostics.info("would finish the soft drop of "
                + p.softDrop().indexName().orElseThrow() + " (" + p.softDrop().script() + "): " + p.statement())));
    }

    /** Finishes them all, or stops at the first failure (the next run resumes it). */
    Optional<Problem> finish(IntentLog intents) {
        Map<String, List<Pending>> pending = pending(intents);
        if (pending.isEmpty()) {
            diagnostics.info("no soft drop to finish: the ledger records no index that is still "
                    + database.dialect().softDrops().orElseThrow().word());
            return Optional.empty();
        }
        StatementSequence sequence = new StatementSequence(database, SafeDataSource.around(database, build,
                diagnostics, StatementJournal.of(intents::statementDone,
                        () -> intents.current().filter(IntentLog.Intent::resumed).map(IntentLog.Intent::before))));
        for (Map.Entry<String, List<Pending>> version : pending.entrySet()) {
            List<Pending> drops = version.getValue();
            String script = drops.get(0).softDrop().script();
            long start = System.nanoTime();
            try {
                intents.begin(IntentLog.Kind.FINISH, version.getKey(), script);
            } catch (SQLException e) {
                throw IdxmigException.operation("cannot write idxmig's intent log: "
                        + database.masker().mask(e.getMessage()), null, e);
            }
            StatementSequence.Outcome outcome = sequence.run(drops.stream().map(Pending::statement).toList());
            if (!outcome.completed()) {
                String error = outcome.error().orElseThrow();
                intents.stopped(IntentLog.Stop.of(outcome.kind()), error);
                return Optional.of(new Problem(outcome.kind(), "finishing the soft drops of " + script
                        + " stopped at statement " + (outcome.executed() + 1) + " of " + drops.size() + ": " + error,
                        outcome.hint().or(() -> Optional.of("fix the cause, then run 'idxmig migrate "
                                + "--finish-soft-drops' again: it resumes from the intent log"))));
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            try {
                record(drops, ms);
                intents.finished();
            } catch (SQLException e) {
                return Optional.of(new Problem(Failure.OPERATION, "the soft drops of " + script + " were finished "
                        + "but not recorded: " + database.masker().mask(e.getMessage()),
                        Optional.of("run 'idxmig migrate --finish-soft-drops' again: it resumes and records them")));
            }
            for (Pending p : drops) {
                diagnostics.info("finished the soft drop of " + p.softDrop().indexName().orElseThrow() + " on "
                        + p.softDrop().table().orElse("?") + " (" + script + ", "
                        + database.dialect().softDrops().orElseThrow().word() + " since "
                        + p.softDrop().recordedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "): " + p.statement());
            }
        }
        return Optional.empty();
    }

    /** A 'dropped' row per index, under the version that soft-dropped it: what stood before the soft drop. */
    private void record(List<Pending> drops, long ms) throws SQLException {
        Instant now = Instant.now();
        List<LedgerEntry> rows = new ArrayList<>();
        for (Pending p : drops) {
            LedgerEntry e = p.softDrop();
            rows.add(new LedgerEntry(e.version(), e.script(), LedgerEntry.Action.DROPPED, e.schema(), e.table(),
                    e.indexName(), Optional.empty(), e.previousDefinition(), e.method(), e.unique(), e.partial(),
                    e.valid(), OptionalLong.empty(), ms, LedgerEntry.Outcome.APPLIED, Optional.empty(), now,
                    Optional.empty(), e.previousConstraintDefinition()));
        }
        database.inTransaction(c -> new IndexLedger(database.dialect(), database.schema()).record(c, rows));
    }
}
