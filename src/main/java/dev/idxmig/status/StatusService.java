package dev.idxmig.status;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.CatalogSnapshot;
import dev.idxmig.db.Database;
import dev.idxmig.db.DefinedIndex;
import dev.idxmig.db.IndexInfo;
import dev.idxmig.ledger.FlywayHistory;
import dev.idxmig.ledger.HistoryRow;
import dev.idxmig.ledger.IndexLedger;
import dev.idxmig.ledger.LedgerEntry;
import dev.idxmig.ledger.MigrationEffect;
import dev.idxmig.ledger.SchemaState;
import dev.idxmig.script.MigrationLocations;
import dev.idxmig.script.MigrationScript;
import dev.idxmig.script.Version;
import dev.idxmig.status.StatusReport.IndexState;
import dev.idxmig.status.StatusReport.MigrationState;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds the status from Flyway's history table, the ledger, the live catalog and the script files, without
 * starting Flyway (which costs a second of start-up for what is three queries and a folder listing).
 */
public final class StatusService {
    private final Database database;
    private final ProjectSettings settings;

    public StatusService(Database database, ProjectSettings settings) {
        this.database = database;
        this.settings = settings;
    }

    public StatusReport status() {
        return status(Optional.empty());
    }

    /**
     * @param prefetched this schema's history, ledger and catalog when a fleet run read them together with other
     *                   schemas' ({@link SchemaState#readAll}); empty: read them here
     */
    public StatusReport status(Optional<SchemaState> prefetched) {
        List<MigrationScript> scripts = MigrationLocations.of(settings, database.dialect().id()).versioned();
        if (prefetched.isPresent()) {
            SchemaState state = prefetched.get();
            return build(database.productVersion(), database.schema(), scripts, state.history(), state.ledger(),
                    state.catalog());
        }
        List<HistoryRow> history;
        List<LedgerEntry> ledger;
        CatalogSnapshot catalog;
        try (Connection c = database.connect()) {
            history = new FlywayHistory(database).read(c);
            ledger = new IndexLedger(database.dialect(), database.schema()).read(c);
            catalog = database.snapshot(c);
        } catch (SQLException e) {
            throw IdxmigException.operation("cannot read the migration state: "
                    + database.masker().mask(e.getMessage()), null, e);
        }
        return build(database.productVersion(), database.schema(), scripts, history, ledger, catalog);
    }

    private StatusReport build(String product, String schema, List<MigrationScript> scripts, List<HistoryRow> history,
                               List<LedgerEntry> ledger, CatalogSnapshot catalog) {
        Known known = Known.of(scripts, history, ledger, catalog);
        List<StatusReport.MigrationStatus> rows = new ArrayList<>();
        List<String> unledgered = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Map.Entry<Version, String> entry : known.all().entrySet()) {
            Row row = migrationStatus(entry.getKey(), entry.getValue(), known);
            rows.add(row.status());
            row.repaired().ifPresent(notes::add);
            if (known.applied().containsKey(entry.getKey()) && !row.status().ledger()) {
                unledgered.add(entry.getKey().toString());
            }
        }
        if (!unledgered.isEmpty()) {
            notes.add("versions applied before idxmig kept a ledger have no index records yet: "
                    + String.join(", ", unledgered) + " (new migrations will be recorded)");
        }
        if (known.all().isEmpty()) {
            notes.add("no migrations found and none applied");
        }
        return new StatusReport(product, schema, known.current().map(Version::toString), rows, notes);
    }

    /** The inputs of a status, indexed by version. */
    private record Known(Map<Version, HistoryRow> applied, Map<Version, MigrationScript> files,
                         Optional<Version> baseline, Optional<Version> current, TreeMap<Version, String> all,
                         Map<String, List<LedgerEntry>> byVersion, Map<String, String> lastTouch,
                         List<LedgerEntry> ledger, CatalogSnapshot catalog) {

        static Known of(List<MigrationScript> scripts, List<HistoryRow> history, List<LedgerEntry> ledger,
                        CatalogSnapshot catalog) {
            Map<Version, HistoryRow> applied = new LinkedHashMap<>();
            for (HistoryRow row : history) {
                row.number().ifPresent(v -> applied.put(v, row));
            }
            Map<Version, MigrationScript> files = new LinkedHashMap<>();
            scripts.forEach(s -> files.put(s.version(), s));
            Optional<Version> baseline = history.stream().filter(HistoryRow::isBaseline)
                    .flatMap(r -> r.number().stream()).max(Version::compareTo);
            Optional<Version> current = applied.entrySet().stream().filter(e -> e.getValue().success())
                    .map(Map.Entry::getKey).max(Version::compareTo);
            TreeMap<Version, String> all = new TreeMap<>();
            applied.forEach((v, r) -> all.put(v, r.script()));
            files.forEach((v, s) -> all.putIfAbsent(v, s.fileName()));
            Map<String, List<LedgerEntry>> byVersion = ledger.stream()
                    .filter(e -> e.outcome() != LedgerEntry.Outcome.ROLLED_BACK)
                    .collect(Collectors.groupingBy(e -> e.number().toString(), LinkedHashMap::new,
                            Collectors.toList()));
            return new Known(applied, files, baseline, current, all, byVersion, lastTouchByIndex(ledger), ledger,
                    catalog);
        }
    }

    /** One migration's status, and the note saying it was repaired, if it was. */
    private record Row(StatusReport.MigrationStatus status, Optional<String> repaired) {
    }

    private Row migrationStatus(Version version, String script, Known known) {
        HistoryRow row = known.applied().get(version);
        List<LedgerEntry> entries = known.byVersion().getOrDefault(version.toString(), List.of());
        boolean baseline = row != null && row.isBaseline();
        boolean recorded = baseline || entries.stream().anyMatch(e -> e.action() == LedgerEntry.Action.MIGRATED);
        MigrationState state = baseline ? MigrationState.BASELINE
                : row == null && known.baseline().map(b -> version.compareTo(b) <= 0).orElse(false)
                ? MigrationState.BELOW_BASELINE // the adopted schema stands for it: migrate never applies it
                : state(row, known.files().containsKey(version), known.current(), version, known.ledger());
        List<StatusReport.IndexStatus> indexes = MigrationEffect.indexChanges(entries).stream()
                .map(e -> indexStatus(e, known.catalog(), known.lastTouch())).collect(Collectors.toList());
        Optional<String> repaired = Optional.empty();
        if (row == null && MigrationEffect.onlyFailed(entries) && !indexes.isEmpty()) {
            state = MigrationState.REPAIRED;
            repaired = Optional.of(version + " failed and was removed from Flyway's history by repair; what its "
                    + "failed run left stands (" + indexes.stream().map(StatusReport.IndexStatus::index)
                    .collect(Collectors.joining(", ")) + "): 'idxmig rollback' undoes it, or the fixed migration "
                    + "keeps it");
        }
        Optional<String> nonIndex = entries.stream().flatMap(e -> e.nonIndexChanges().stream()).findFirst();
        return new Row(new StatusReport.MigrationStatus(version.toString(), description(version, row, baseline,
                entries, known), script, state, row == null ? Optional.empty() : Optional.of(iso(row.installedOn())),
                row == null ? OptionalLong.empty() : OptionalLong.of(row.executionMs()), recorded, nonIndex,
                indexes), repaired);
    }

    private static String description(Version version, HistoryRow row, boolean baseline, List<LedgerEntry> entries,
                                      Known known) {
        if (baseline) {
            long adopted = entries.stream().filter(LedgerEntry::adopted).count();
            return "baseline " + version + ": " + adopted + " index" + (adopted == 1 ? "" : "es") + " adopted ("
                    + row.description() + ")";
        }
        return row != null ? row.description() : known.files().get(version).description();
    }

    private static MigrationState state(HistoryRow row, boolean hasFile, Optional<Version> current, Version version,
                                List<LedgerEntry> ledger) {
        if (row != null) {
            if (!row.success()) {
                return MigrationState.FAILED;
            }
            return hasFile ? MigrationState.APPLIED : MigrationState.MISSING;
        }
        boolean rolledBack = ledger.stream().anyMatch(e -> e.outcome() == LedgerEntry.Outcome.ROLLED_BACK
                && e.number().equals(version));
        if (current.map(c -> version.compareTo(c) < 0).orElse(false)) {
            return MigrationState.IGNORED;
        }
        return rolledBack ? MigrationState.ROLLED_BACK : MigrationState.PENDING;
    }

    /** For each index, the version of the last migration that touched it, to tell "superseded" apart. */
    private static Map<String, String> lastTouchByIndex(List<LedgerEntry> ledger) {
        Map<String, String> last = new LinkedHashMap<>();
        for (LedgerEntry e : ledger) {
            if (e.isIndexChange() && e.outcome() != LedgerEntry.Outcome.ROLLED_BACK) {
                e.indexName().ifPresent(name -> last.put(name, e.number().toString()));
            }
        }
        return last;
    }

    private StatusReport.IndexStatus indexStatus(LedgerEntry e, CatalogSnapshot catalog,
                                                 Map<String, String> lastTouch) {
        String name = e.indexName().orElse("?");
        Optional<IndexInfo> live = catalog.find(name);
        boolean superseded = !e.number().toString().equals(lastTouch.get(name));
        IndexState state;
        if (superseded) {
            state = IndexState.SUPERSEDED;
        } else if (e.action() == LedgerEntry.Action.DROPPED) {
            state = live.isPresent() ? IndexState.PRESENT : IndexState.GONE;
        } else if (live.isEmpty()) {
            state = IndexState.MISSING;
        } else if (!live.get().healthy()) {
            state = IndexState.INVALID;
        } else if (!e.definition().map(d -> sameIndex(e, d, live.get())).orElse(true)) {
            state = IndexState.CHANGED;
        } else if (e.action() == LedgerEntry.Action.SOFT_DROPPED) {
            state = IndexState.IGNORED;
        } else {
            state = IndexState.VALID;
        }
        OptionalLong size = live.map(IndexInfo::sizeBytes).orElse(OptionalLong.empty());
        return new StatusReport.IndexStatus(e.action().label(), e.table().orElse("?"), name, state, size,
                e.definition().or(e::previousDefinition), e.constraint().or(e::previousConstraint)
                .map(k -> k.kind().label() + " " + k.definition()));
    }

    /**
     * Whether the live index is the one the ledger recorded, by what it builds ({@link
     * dev.idxmig.db.Dialect#sameIndex}): identical text without a round trip, else the database is asked.
     */
    private boolean sameIndex(LedgerEntry e, String definition, IndexInfo live) {
        DefinedIndex recorded = new DefinedIndex(live.schema(), live.table(), live.name(), definition, e.constraint());
        return database.sameIndex(recorded, DefinedIndex.of(live));
    }

    /** Flyway's {@code installed_on} as ISO-8601 with the offset it was written in ({@code 2026-12-03T08:25:02Z}). */
    private String iso(String installedOn) {
        try {
            return java.time.LocalDateTime.parse(installedOn.replace(' ', 'T')).atZone(database.dialect().historyZone())
                    .toOffsetDateTime().format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (java.time.format.DateTimeParseException e) {
            return installedOn;
        }
    }
}
