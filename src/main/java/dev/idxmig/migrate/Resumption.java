package dev.idxmig.migrate;

import dev.idxmig.base.Diagnostics;
import dev.idxmig.base.Failure;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.base.Problem;
import dev.idxmig.db.Database;
import dev.idxmig.ledger.FlywayHistory;
import dev.idxmig.ledger.HistoryRow;
import dev.idxmig.ledger.IntentLog;
import dev.idxmig.ledger.LedgerEntry;
import dev.idxmig.ledger.MigrationRun;
import dev.idxmig.ledger.PendingMigrations;
import dev.idxmig.script.MigrationScript;
import dev.idxmig.script.Version;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The migrate side of the intent log: before Flyway runs, the migrations an earlier run left unfinished are made
 * resumable (Flyway's failed row of a non-transactional script is cleared: idxmig judges that state itself, statement
 * by statement, in the safe builds); after it ran, the intents whose history row now stands are closed; after an
 * interrupt, the summary of what was applied and what was not.
 */
final class Resumption {
    private final Database database;
    private final IntentLog intents;
    private final List<MigrationScript> scripts;
    private final Diagnostics diagnostics;

    Resumption(Database database, IntentLog intents, List<MigrationScript> scripts, Diagnostics diagnostics) {
        this.database = database;
        this.intents = intents;
        this.scripts = scripts;
        this.diagnostics = diagnostics;
    }

    /** Under the runner lock, before Flyway starts. */
    void prepare() {
        try {
            List<IntentLog.Intent> open = intents.unfinished(IntentLog.Kind.MIGRATE);
            if (open.isEmpty()) {
                return;
            }
            try (Connection c = database.connect()) {
                c.setAutoCommit(true);
                FlywayHistory history = new FlywayHistory(database);
                List<HistoryRow> rows = history.read(c);
                for (IntentLog.Intent intent : open) {
                    List<HistoryRow> ofVersion = rows.stream()
                            .filter(r -> r.version().map(intent.version()::equals).orElse(false)).toList();
                    if (ofVersion.stream().anyMatch(HistoryRow::success)) {
                        intents.finish(intent); // killed after Flyway's history row, before the intent was closed
                    } else if (!ofVersion.isEmpty()) {
                        diagnostics.info(intent.script() + " stopped in an earlier run (" + intent.earlierStatements()
                                + " statement(s) completed): idxmig clears Flyway's failed row and resumes it");
                        history.delete(c, intent.version());
                    } else {
                        diagnostics.info(intent.script() + " stopped in an earlier run (" + intent.earlierStatements()
                                + " statement(s) completed): resuming it");
                    }
                }
            }
        } catch (SQLException e) {
            throw IdxmigException.operation("cannot read or write idxmig's intent log: "
                    + database.masker().mask(e.getMessage()), null, e);
        }
    }

    /** After Flyway ran (or stopped): closes the intents of the versions whose history row now stands. */
    void finishApplied() {
        try (Connection c = database.connect()) {
            List<HistoryRow> rows = new FlywayHistory(database).read(c);
            for (IntentLog.Intent intent : intents.unfinished(IntentLog.Kind.MIGRATE)) {
                if (rows.stream().anyMatch(r -> r.success() && r.version().map(intent.version()::equals)
                        .orElse(false))) {
                    intents.finish(intent);
                }
            }
        } catch (SQLException e) {
            // left open, the next run closes it (its version is in the history by then)
            diagnostics.detail("could not close the intent log's entries: " + e.getMessage());
        }
    }

    /** The summary of an interrupted run: applied, stopped part-way, not started; exit code 130. */
    Problem interrupted(List<MigrationRun> applied, Optional<MigrationRun> stopped, Optional<String> target) {
        StringBuilder m = new StringBuilder("interrupted: stopped after the running statement");
        if (!applied.isEmpty()) {
            m.append("\n  applied: ").append(String.join(", ", applied.stream().map(MigrationRun::script).toList()));
        }
        Optional<String> resumed = Optional.empty();
        if (stopped.isPresent()) {
            MigrationRun run = stopped.get();
            boolean open = run.error().map(e -> e.contains("resumed by the next run")).orElse(false);
            m.append("\n  ").append(run.script()).append(open ? ": stopped part-way (it runs outside a transaction)"
                    : ": its transaction was rolled back, nothing of it was applied");
            if (open) {
                long statements = intents.statementsThisAttempt();
                m.append("; ").append(statements).append(" statement(s) completed in this run");
                for (LedgerEntry change : run.indexChanges()) {
                    m.append("\n    index ").append(change.indexName().orElse("?")).append(' ')
                            .append(change.action().label()).append(change.valid() ? "" : " (INVALID)");
                }
                run.nonIndexChanges().ifPresent(c -> m.append("\n    ").append(c));
                resumed = Optional.of(run.script());
            }
        }
        List<String> notStarted = notStarted(applied, stopped, target);
        if (!notStarted.isEmpty()) {
            m.append("\n  not started: ").append(String.join(", ", notStarted));
        }
        String hint = resumed.map(s -> "run the same command again: it resumes " + s + " from idxmig's intent log "
                + "(done statements are skipped, an INVALID leftover is rebuilt) and records it whole")
                .orElse("run the same command again to apply the rest");
        return new Problem(Failure.INTERRUPTED, m.toString(), Optional.of(hint));
    }

    private List<String> notStarted(List<MigrationRun> applied, Optional<MigrationRun> stopped,
                                    Optional<String> target) {
        try (Connection c = database.connect()) {
            List<HistoryRow> history = new FlywayHistory(database).read(c);
            Optional<Version> upTo = target.filter(Version::isVersion).map(Version::parse);
            List<String> names = new ArrayList<>();
            for (MigrationScript s : PendingMigrations.of(scripts, history, upTo)) {
                boolean ran = applied.stream().anyMatch(r -> r.script().equals(s.fileName()))
                        || stopped.map(r -> r.script().equals(s.fileName())).orElse(false);
                if (!ran) {
                    names.add(s.fileName());
                }
            }
            return names;
        } catch (SQLException e) {
            return List.of();
        }
    }
}
