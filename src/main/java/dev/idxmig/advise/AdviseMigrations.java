package dev.idxmig.advise;

import dev.idxmig.adopt.NewMigrationReport;
import dev.idxmig.adopt.NewMigrationService;
import dev.idxmig.base.Diagnostics;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.checks.ChecksFile;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.ledger.FlywayHistory;
import dev.idxmig.ledger.PendingMigrations;
import dev.idxmig.ledger.SchemaVersion;
import dev.idxmig.script.MigrationLocations;
import dev.idxmig.script.MigrationScript;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code advise --write}: each proposal as the next migration, through the code {@code idxmig new} uses (so
 * {@code CREATE INDEX CONCURRENTLY} and its sidecar on PostgreSQL, and the undo script), and one plan check per
 * query it serves in the checks file: the query, {@code uses_index}, and a bench target from the mean
 * pg_stat_statements measured, when it measured one. Refuses when migrations are pending (the proposals were proven
 * against the catalog without them) or the migrations folder cannot be written.
 */
public final class AdviseMigrations {
    private AdviseMigrations() {
    }

    /** Before connecting: the folder new migrations go to can be written (or made). */
    public static void refuseEarly(ProjectSettings settings) {
        Path folder = service(settings, Diagnostics.silent()).migrationsFolder();
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw IdxmigException.usage("advise --write cannot write migrations to " + folder
                            + (existing != null && Files.exists(existing) ? " (" + existing + " is not writable)" : ""),
                    "make the first migrations location writable, or run advise without --write");
        }
    }

    public static AdviseReport write(Database db, ProjectSettings settings, AdviseReport report, Diagnostics d) {
        refusePending(db, settings);
        if (report.proposals().isEmpty()) {
            return report.withWritten(List.of(), List.of("--write: nothing to write"));
        }
        NewMigrationService service = service(settings, d);
        Map<String, AdviseReport.PlannedQuery> queries = report.queries().stream()
                .collect(Collectors.toMap(AdviseReport.PlannedQuery::name, Function.identity(), (a, b) -> a));
        Set<String> names = existingCheckNames(settings.checksFile());
        List<String> written = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (AdviseReport.Proposal p : report.proposals()) {
            StringBuilder entries = new StringBuilder();
            for (String q : p.queries()) {
                AdviseReport.PlannedQuery query = queries.get(q);
                if (query.source().equals("checks")) {
                    notes.add("check '" + q + "' already runs this query: add uses_index: " + p.name() + " to it");
                    continue;
                }
                entries.append(CheckEntries.entry(unique(names, q + " uses " + p.name()), query, p.name()));
            }
            NewMigrationReport r = service.writeIndex("index " + p.name().replaceAll("^idx_", ""), p.name(),
                    p.createIndex().substring(p.createIndex().indexOf(" ON ") + 4), entries.toString(),
                    SchemaVersion.current(db));
            r.written().forEach(f -> written.add(shown(settings.workDir(), f)));
            notes.addAll(r.notes());
        }
        return report.withWritten(written, notes);
    }

    private static NewMigrationService service(ProjectSettings settings, Diagnostics d) {
        dev.idxmig.db.Dialect dialect = dev.idxmig.db.Dialects.forUrl(settings.connection().jdbcUrl());
        return new NewMigrationService(settings, dialect.id(), dialect.indexScriptConfig(), d);
    }

    private static void refusePending(Database db, ProjectSettings settings) {
        List<MigrationScript> pending;
        try (Connection c = db.connect()) {
            FlywayHistory history = new FlywayHistory(db);
            pending = PendingMigrations.of(MigrationLocations.of(settings, db.dialect().id()).versioned(),
                    history.exists(c) ? history.read(c) : List.of(), Optional.empty());
        } catch (SQLException e) {
            throw IdxmigException.operation("cannot read Flyway's history: " + db.masker().mask(e.getMessage()),
                    null, e);
        }
        if (!pending.isEmpty()) {
            throw IdxmigException.usage("advise --write needs the target up to date, but "
                            + pending.stream().map(MigrationScript::fileName).collect(Collectors.joining(", "))
                            + (pending.size() == 1 ? " is" : " are") + " pending: the proposals were proven against "
                            + "the catalog without them",
                    "run idxmig migrate first (or advise without --write)");
        }
    }

    private static Set<String> existingCheckNames(Path file) {
        Set<String> names = new HashSet<>();
        if (Files.isRegularFile(file)) {
            ChecksFile.load(file).checks().stream().map(c -> c.name().toLowerCase(Locale.ROOT)).forEach(names::add);
        }
        return names;
    }

    private static String unique(Set<String> names, String name) {
        String n = name;
        for (int i = 2; !names.add(n.toLowerCase(Locale.ROOT)); i++) {
            n = name + " (" + i + ")";
        }
        return n;
    }

    private static String shown(Path workDir, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path wd = workDir.toAbsolutePath().normalize();
        return abs.startsWith(wd) ? wd.relativize(abs).toString() : file.toString();
    }
}
