package dev.idxmig.ledger;

import dev.idxmig.db.CatalogSnapshot;
import dev.idxmig.db.Database;
import dev.idxmig.base.Diagnostics;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Flyway callback that keeps the index ledger: it snapshots the catalog before and after each migration,
 * on the migration's own connection (so inside its transaction when it has one), and records the difference
 * together with the migration. A migration that fails is recorded afterwards by {@link #recordFailure}, on a
 * fresh connection, so only what really stayed behind is written.
 * <p>
 * A non-transactional migration (autocommit: Flyway runs it statement by statement) also gets an intent in the
 * {@link IntentLog} before its first statement. When an earlier run left that intent unfinished (killed,
 * interrupted, failed), the catalog before the migration is the one from before its FIRST attempt, so the ledger
 * records the whole effect of the migration, and the rows an earlier attempt recorded for it are replaced. A
 * transactional migration needs no intent: it is applied whole or not at all.
 */
public final class LedgerRecorder implements Callback {
    private final Database database;
    private final IndexLedger ledger;
    private final Diagnostics diagnostics;
    private final List<MigrationRun> runs = new ArrayList<>();
    private final IntentLog intents;

    private CatalogSnapshot before;
    private Map<String, List<String>> tablesBefore;
    private long startNanos;
    private MigrationInfo current;
    private boolean nonTransactional;

    public LedgerRecorder(Database database, IndexLedger ledger, Diagnostics diagnostics) {
        this(database, ledger, new IntentLog(database), diagnostics);
    }

    public LedgerRecorder(Database database, IndexLedger ledger, IntentLog intents, Diagnostics diagnostics) {
        this.database = database;
        this.ledger = ledger;
        this.intents = intents;
        this.diagnostics = diagnostics;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            if (event == Event.BEFORE_EACH_MIGRATE) {
                current = context.getMigrationInfo();
                diagnostics.info("applying " + current.getScript());
                nonTransactional = context.getConnection().getAutoCommit();
                if (nonTransactional) {
                    IntentLog.Intent intent = intents.begin(IntentLog.Kind.MIGRATE, version(current),
                            current.getScript());
                    if (intent.resumed()) {
                        diagnostics.info("  resuming " + current.getScript() + " (attempt " + intent.attempt()
                                + "; " + intent.earlierStatements() + " statement(s) completed before): what is "
                                + "already done, valid and as asked is skipped");
                    }
                    before = intent.before();
                    tablesBefore = intent.tablesBefore();
                } else {
                    intents.release();
                    before = database.snapshot(context.getConnection());
                    tablesBefore = intents.tablesOf(context.getConnection());
                }
                startNanos = System.nanoTime();
            } else {
                long buildMs = (System.nanoTime() - startNanos) / 1_000_000;
                boolean resumed = intents.current().map(IntentLog.Intent::resumed).orElse(false);
                // finished only once Flyway's history row is written (MigrateService): killed in between, the
                // next run resumes it, skips every statement and records it again; released first, so the
                // ledger's own statements are not journaled as the migration's
                intents.release();
                record(context.getConnection(), buildMs, LedgerEntry.Outcome.APPLIED, Optional.empty(), resumed);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("idxmig could not record the index ledger: " + e.getMessage(), e);
        }
    }

    /**
     * After a failed migration: records what it left behind, if anything, and returns that run. A non-transactional
     * migration's intent stays open ('failed'), so the next run resumes it and records its whole effect then.
     */
    public Optional<MigrationRun> recordFailure(String error) {
        if (current == null || runs.stream().anyMatch(r -> r.version().equals(version(current)))) {
            return Optional.empty();
        }
        long buildMs = (System.nanoTime() - startNanos) / 1_000_000;
        try (Connection c = database.connect()) {
            c.setAutoCommit(true);
            return Optional.of(record(c, buildMs, LedgerEntry.Outcome.FAILED, Optional.of(error),
                    intents.current().map(IntentLog.Intent::resumed).orElse(false)));
        } catch (SQLException e) {
            diagnostics.warn("could not record the failed migration in the ledger: " + e.getMessage());
            return Optional.empty();
        } finally {
            intents.stopped(IntentLog.Stop.FAILED, error);
        }
    }

    /**
     * After an interrupted migration (Ctrl-C, SIGTERM): what it changed so far, for the summary. Nothing goes to
     * the ledger: the intent stays open ('interrupted') and the next run records the migration whole.
     */
    public Optional<MigrationRun> interrupted() {
        if (current == null || runs.stream().anyMatch(r -> r.version().equals(version(current)))) {
            return Optional.empty();
        }
        boolean open = nonTransactional;
        intents.stopped(IntentLog.Stop.INTERRUPTED, "Ctrl-C or SIGTERM");
        long buildMs = (System.nanoTime() - startNanos) / 1_000_000;
        try (Connection c = database.connect()) {
            CatalogSnapshot after = database.snapshot(c);
            Map<String, List<String>> tablesAfter = intents.tablesOf(c);
            List<LedgerEntry> entries = new ArrayList<>();
            for (IndexChange change : IndexChange.withSoftDrops(IndexChange.between(before, after,
                    t -> tablesBefore.containsKey(t) && tablesAfter.containsKey(t)), database.dialect().softDrops())) {
                entries.add(change.entry(version(current), current.getScript(), buildMs, LedgerEntry.Outcome.FAILED,
                        Instant.now()));
            }
            return Optional.of(new MigrationRun(version(current), current.getDescription(), current.getScript(),
                    buildMs, LedgerEntry.Outcome.FAILED, entries,
                    IndexChange.describeTableChanges(tablesBefore, tablesAfter),
                    Optional.of(open ? "interrupted; resumed by the next run" : "interrupted")));
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** Whether the migration that ran last ran outside a transaction (and so has an intent). */
    public boolean lastWasNonTransactional() {
        return nonTransactional;
    }

    private MigrationRun record(Connection c, long buildMs, LedgerEntry.Outcome outcome, Optional<String> error,
                                boolean resumed) throws SQLException {
        CatalogSnapshot after = database.snapshot(c);
        Map<String, List<String>> tablesAfter = intents.tablesOf(c);
        Optional<String> nonIndex = IndexChange.describeTableChanges(tablesBefore, tablesAfter);
        List<IndexChange> changes = IndexChange.withSoftDrops(IndexChange.between(before, after,
                t -> tablesBefore.containsKey(t) && tablesAfter.containsKey(t)), database.dialect().softDrops());
        Instant now = Instant.now();
        String version = version(current);
        List<LedgerEntry> entries = new ArrayList<>();
        for (IndexChange change : changes) {
            entries.add(change.entry(version, current.getScript(), buildMs, outcome, now));
        }
        MigrationRun run = new MigrationRun(version, current.getDescription(), current.getScript(), buildMs, outcome,
                entries, nonIndex, error);
        // A failed migration that left nothing behind (its transaction rolled back) leaves no trace here either.
        if (outcome == LedgerEntry.Outcome.APPLIED || !entries.isEmpty() || nonIndex.isPresent()) {
            List<LedgerEntry> rows = new ArrayList<>();
            rows.add(new LedgerEntry(version, current.getScript(), LedgerEntry.Action.MIGRATED, database.schema(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false,
                    false, true, java.util.OptionalLong.empty(), buildMs, outcome, nonIndex, now));
            rows.addAll(entries);
            if (resumed) {
                // an earlier attempt's rows (a failure's, or a finished run killed before Flyway's history row)
                // give way to the whole effect, measured from before the first attempt
                ledger.forgetAttempts(c, version);
            }
            ledger.record(c, rows);
        }
        runs.add(run);
        return run;
    }

    private static String version(MigrationInfo info) {
        return info.getVersion() == null ? "" : info.getVersion().getVersion();
    }

    public List<MigrationRun> runs() {
        return List.copyOf(runs);
    }

    @Override
    public String getCallbackName() {
        return "idxmig-ledger";
    }
}
