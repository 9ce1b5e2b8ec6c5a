package dev.idxmig.ledger;

import dev.idxmig.db.CatalogSnapshot;
import dev.idxmig.db.Database;
import dev.idxmig.db.IndexInfo;
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
 */
public final class LedgerRecorder implements Callback {
    private final Database database;
    private final IndexLedger ledger;
    private final Diagnostics diagnostics;
    private final List<MigrationRun> runs = new ArrayList<>();

    private CatalogSnapshot before;
    private Map<String, List<String>> tablesBefore;
    private long startNanos;
    private MigrationInfo current;

    public LedgerRecorder(Database database, IndexLedger ledger, Diagnostics diagnostics) {
        this.database = database;
        this.ledger = ledger;
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
                before = database.snapshot(context.getConnection());
                tablesBefore = database.tables(context.getConnection());
                startNanos = System.nanoTime();
            } else {
                long buildMs = (System.nanoTime() - startNanos) / 1_000_000;
                record(context.getConnection(), buildMs, LedgerEntry.Outcome.APPLIED, Optional.empty());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("idxmig could not record the index ledger: " + e.getMessage(), e);
        }
    }

    /** After a failed migration: records what it left behind, if anything, and returns that run. */
    public Optional<MigrationRun> recordFailure(String error) {
        if (current == null || runs.stream().anyMatch(r -> r.version().equals(version(current)))) {
            return Optional.empty();
        }
        long buildMs = (System.nanoTime() - startNanos) / 1_000_000;
        try (Connection c = database.connect()) {
            c.setAutoCommit(true);
            return Optional.of(record(c, buildMs, LedgerEntry.Outcome.FAILED, Optional.of(error)));
        } catch (SQLException e) {
            diagnostics.warn("could not record the failed migration in the ledger: " + e.getMessage());
            return Optional.empty();
        }
    }

    private MigrationRun record(Connection c, long buildMs, LedgerEntry.Outcome outcome, Optional<String> error)
            throws SQLException {
        CatalogSnapshot after = database.snapshot(c);
        Map<String, List<String>> tablesAfter = database.tables(c);
        Optional<String> nonIndex = IndexChange.describeTableChanges(tablesBefore, tablesAfter);
        List<IndexChange> changes = IndexChange.between(before, after,
                t -> tablesBefore.containsKey(t) && tablesAfter.containsKey(t));
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
