package dev.idxmig.migrate;

import dev.idxmig.base.Diagnostics;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.CatalogSnapshot;
import dev.idxmig.db.Database;
import dev.idxmig.ledger.AdoptedIndexes;
import dev.idxmig.ledger.FlywayHistory;
import dev.idxmig.ledger.HistoryRow;
import dev.idxmig.ledger.IndexLedger;
import dev.idxmig.ledger.PendingMigrations;
import dev.idxmig.script.MigrationLocations;
import dev.idxmig.script.Version;
import org.flywaydb.core.api.FlywayException;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Taking over a schema that another tool made: its tables are there, Flyway's history is not. Adopting it writes
 * the history table with one baseline row and records every index that stands as adopted at the baseline version,
 * so later migrations are recorded against it and verify watches what was there before. The caller holds the
 * runner lock.
 */
public final class SchemaAdoption {
    /** The baseline version when the project sets none: every migration in the folder stays pending. */
    public static final String DEFAULT_VERSION = "0";
    public static final String DEFAULT_DESCRIPTION = "adopted by idxmig";

    /**
     * What a schema holds before anything is done to it.
     *
     * @param history        whether the project's history table exists
     * @param current        the highest applied version in it
     * @param tables         user tables (Flyway's and idxmig's own left out)
     * @param otherHistories tables that look like a Flyway history under another name
     */
    public record State(String schema, String historyTable, boolean history, Optional<String> current, int tables,
                        List<String> otherHistories) {
        /** Tables but no history: Flyway would refuse, idxmig must adopt the schema first. */
        public boolean needsAdoption() {
            return !history && tables > 0;
        }
    }

    /** What an adoption did. */
    public record Adopted(String schema, String version, String description, int tables, int indexes) {
        public String line() {
            return "adopted schema " + schema + " at baseline " + version + ": " + tables + " table"
                    + (tables == 1 ? "" : "s") + ", " + indexes + " index" + (indexes == 1 ? "" : "es")
                    + " recorded as adopted";
        }
    }

    private final Database database;
    private final ProjectSettings settings;
    private final Diagnostics diagnostics;

    public SchemaAdoption(Database database, ProjectSettings settings, Diagnostics diagnostics) {
        this.database = database;
        this.settings = settings;
        this.diagnostics = diagnostics;
    }

    /** Reads what the schema holds; changes nothing. */
    public State inspect() {
        try (Connection c = database.connect()) {
            FlywayHistory history = new FlywayHistory(database);
            boolean exists = history.existsChecked(c);
            Optional<String> current = exists
                    ? PendingMigrations.current(history.read(c)).map(Version::toString) : Optional.empty();
            int tables = database.tables(c).size();
            List<String> others = FlywayHistory.historyTablesIn(c, database.dialect(), database.schema()).stream()
                    .filter(t -> !t.equalsIgnoreCase(database.historyTable())).toList();
            return new State(database.schema(), database.historyTable(), exists, current, tables, others);
        } catch (SQLException e) {
            throw IdxmigException.operation("cannot read schema " + database.schema() + ": "
                    + database.masker().mask(e.getMessage()), null, e);
        }
    }

    /**
     * Why {@code migrate} stops on a schema that holds tables but no history, in idxmig's words: which schema, how
     * many tables, and the two ways to adopt it.
     */
    public static IdxmigException notAdopted(State state) {
        if (!state.otherHistories().isEmpty()) {
            return IdxmigException.usage("schema " + state.schema() + " has no history table "
                            + state.historyTable() + ", but " + String.join(", ", state.otherHistories())
                            + " looks like one",
                    "name the project's history table: --table " + state.otherHistories().get(0)
                            + " (or table: in idxmig.yaml, table in flyway.toml)");
        }
        return IdxmigException.usage("schema " + state.schema() + " holds " + state.tables() + " table"
                        + (state.tables() == 1 ? "" : "s") + " but no migration history (" + state.historyTable()
                        + "): idxmig has not adopted it, so nothing was run",
                "adopt it first with 'idxmig baseline' (records the existing indexes at version 0; every migration "
                        + "stays pending), or adopt and migrate in one step with 'idxmig migrate "
                        + "--baseline-on-migrate' (baseline_on_migrate: true in idxmig.yaml)");
    }

    /** Checks a baseline version before anything is done. */
    public static String checkVersion(String version) {
        if (!Version.isVersion(version)) {
            throw IdxmigException.usage("baseline version '" + version + "' is not a version",
                    "pass a version such as 0, 1 or 2.1 (the migrations above it stay pending)");
        }
        return version;
    }

    /**
     * Writes the baseline row and records the adopted indexes; the caller holds the runner lock and has checked
     * {@link #inspect()} says there is no history yet.
     */
    public Adopted adopt(String version, String description, int tables) {
        checkVersion(version);
        // A baseline reads no script: a project adopted before its first migration has no folder yet, and Flyway
        // only wants one that exists (an empty one of its own then).
        List<String> existing = settings.locations().stream().filter(l -> java.nio.file.Files.isDirectory(
                settings.workDir().resolve(l.replace("filesystem:", "").replace("{vendor}", database.dialect().id()))))
                .toList();
        java.nio.file.Path empty = null;
        try {
            if (existing.isEmpty()) {
                empty = java.nio.file.Files.createTempDirectory("idxmig-baseline");
                existing = List.of(empty.toString());
            }
            MigrationLocations locations = MigrationLocations.resolve(existing, database.dialect().id(),
                    settings.workDir());
            FlywaySetup.forBaseline(database, locations, settings.placeholders(), version, description, diagnostics)
                    .baseline();
        } catch (java.io.IOException e) {
            throw IdxmigException.operation("cannot make a temporary folder: " + e.getMessage(), null, e);
        } catch (FlywayException e) {
            throw IdxmigException.operation("cannot write the baseline of schema " + database.schema() + ": "
                    + database.masker().mask(Optional.ofNullable(e.getMessage()).orElse("").lines().findFirst()
                    .orElse("")), null, e);
        } finally {
            if (empty != null) {
                empty.toFile().delete();
            }
        }
        try (Connection c = database.connect()) {
            CatalogSnapshot catalog = database.snapshot(c);
            List<dev.idxmig.ledger.LedgerEntry> adopted = AdoptedIndexes.entries(version, catalog, Instant.now());
            new IndexLedger(database.dialect(), database.schema()).record(c, adopted);
            return new Adopted(database.schema(), version, description, tables, adopted.size());
        } catch (SQLException e) {
            throw IdxmigException.operation("the baseline of schema " + database.schema() + " was written but its "
                    + "indexes could not be recorded: " + database.masker().mask(e.getMessage()),
                    "run 'idxmig status' to see the history", e);
        }
    }

    /** The history rows as they are now, for a caller that reports the version. */
    public List<HistoryRow> history() {
        try (Connection c = database.connect()) {
            return new FlywayHistory(database).read(c);
        } catch (SQLException e) {
            throw IdxmigException.operation("cannot read the history: " + database.masker().mask(e.getMessage()),
                    null, e);
        }
    }
}
