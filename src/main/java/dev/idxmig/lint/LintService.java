package dev.idxmig.lint;

import dev.idxmig.script.Placeholders;

import dev.idxmig.script.StatementReader;
import dev.idxmig.script.IndexDefinition;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.db.Dialect;
import dev.idxmig.db.Dialects;
import dev.idxmig.db.IndexInfo;
import dev.idxmig.ledger.FlywayHistory;
import dev.idxmig.ledger.HistoryRow;
import dev.idxmig.base.Diagnostics;
import dev.idxmig.script.MigrationLocations;
import dev.idxmig.script.MigrationScript;
import dev.idxmig.script.Version;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lints migration scripts before they run. Offline it reads only files: the target database's kind comes from
 * the URL, and every script counts as pending. Given an open database it also reads Flyway's history (to know
 * what is pending), the live indexes and tables, and runs the rules that need data.
 */
public final class LintService {
    private final ProjectSettings settings;
    private final Diagnostics diagnostics;

    public LintService(ProjectSettings settings, Diagnostics diagnostics) {
        this.settings = settings;
        this.diagnostics = diagnostics;
    }

    /**
     * The page of a rule (docs/lint/RULE.md, packed into the jar at build time), for {@code lint --explain}; empty
     * for an unknown rule.
     */
    public static Optional<String> explain(String rule) {
        if (!LintRules.ids().contains(rule)) {
            return Optional.empty();
        }
        try (java.io.InputStream in = LintService.class.getResourceAsStream("rules/" + rule + ".md")) {
            if (in == null) {
                throw new IllegalStateException("no page for lint rule " + rule + " in the jar");
            }
            return Optional.of(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The ids of all rules, for help texts and config validation. */
    public static List<String> ruleIds() {
        return LintRules.ids();
    }

    public LintReport lint(LintRequest request, Optional<Database> database) {
        checkRuleIds(request.disabled());
        Dialect dialect = dialect(request, database);
        Path workDir = settings.workDir();
        List<MigrationScript> located = located(request, dialect);
        Set<Version> undo = new LinkedHashSet<>();
        Optional<LiveSchema> live = database.map(this::readLive);
        Placeholders placeholders = database.map(db -> db.placeholders(settings.placeholders()))
                .orElseGet(() -> Placeholders.of(settings.placeholders(),
                        settings.schema().orElse(dialect.defaultSchema()), settings.connection().user().orElse(""),
                        dialect.databaseName(settings.connection().jdbcUrl()), settings.flyway().table()));

        List<LintScript> all = new ArrayList<>();
        for (MigrationScript m : located) {
            if (m.kind() == MigrationScript.Kind.UNDO) {
                undo.add(m.version());
            }
        }
        for (MigrationScript m : located) {
            if (m.kind() == MigrationScript.Kind.VERSIONED) {
                all.add(ScriptReader.read(m.path(), workDir, undo, placeholders));
            }
        }
        Set<Version> applied = live.map(LiveSchema::applied).orElse(Set.of());
        List<LintScript> unapplied = all.stream()
                .filter(s -> s.version().map(v -> !applied.contains(v)).orElse(true))
                .collect(Collectors.toList());
        List<LintScript> targets;
        switch (request.scope()) {
            case ALL:
                targets = all;
                break;
            case FILES:
                targets = givenFiles(request.files(), all, undo, placeholders);
                break;
            default:
                targets = unapplied;
                break;
        }
        List<LintScript> history = new ArrayList<>(live.isPresent() ? unapplied : all);
        targets.stream().filter(t -> !history.contains(t)).forEach(history::add);
        history.sort(Comparator.comparing((LintScript s) -> s.version().isEmpty())
                .thenComparing(s -> s.version().orElse(null), Comparator.nullsLast(Comparator.naturalOrder())));

        LintContext context = new LintContext(dialect.id(), dialect.indexSyntax(), history, targets, live);
        diagnostics.info("linting " + targets.size() + " script" + (targets.size() == 1 ? "" : "s") + " for "
                + dialect.id() + (live.isPresent() ? "" : " (offline" + (request.scope() == LintRequest.Scope.PENDING
                ? ": every script counts as pending)" : ")")));
        return run(context, request, dialect.id(), live.isPresent());
    }

    /**
     * The database the scripts are for: the connected one; else {@code --dialect}; else the {@code {vendor}} folder
     * the given files sit in ({@code migrations/postgresql/V5__x.sql}); else the configured URL's.
     */
    private Dialect dialect(LintRequest request, Optional<Database> database) {
        Optional<Dialect> chosen = request.dialect().map(LintService::dialectNamed);
        if (database.isPresent()) {
            Dialect connected = database.get().dialect();
            chosen.filter(d -> !d.id().equals(connected.id())).ifPresent(d -> {
                throw IdxmigException.usage("--dialect " + d.id() + " but the database at "
                        + settings.connection().jdbcUrl() + " is " + connected.id(),
                        "leave --dialect out when lint connects, or lint offline with --offline");
            });
            return connected;
        }
        if (chosen.isPresent()) {
            return chosen.get();
        }
        if (request.scope() == LintRequest.Scope.FILES) {
            Set<String> vendors = new LinkedHashSet<>();
            for (Path file : request.files()) {
                vendorFolder(settings.workDir().resolve(file)).ifPresent(vendors::add);
            }
            if (vendors.size() == 1) {
                Dialect d = dialectNamed(vendors.iterator().next());
                diagnostics.detail("linting for " + d.id() + ": the files are in a " + d.id() + " folder");
                return d;
            }
        }
        return Dialects.forUrl(settings.connection().jdbcUrl());
    }

    /** The registered dialect with this id; a usage error naming the known ones otherwise. */
    public static Dialect dialectNamed(String id) {
        return Dialects.named(id);
    }

    /** The nearest folder of a file named like a dialect ({@code postgresql}, {@code sqlite}), as Flyway's {vendor}. */
    private static Optional<String> vendorFolder(Path file) {
        Set<String> ids = Dialects.all().stream().map(Dialect::id).collect(Collectors.toSet());
        for (Path p = file.toAbsolutePath().normalize().getParent(); p != null && p.getFileName() != null;
             p = p.getParent()) {
            String name = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (ids.contains(name)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    private LintReport run(LintContext context, LintRequest request, String target, boolean connected) {
        List<LintReport.Rule> ran = new ArrayList<>();
        List<LintFinding> findings = new ArrayList<>();
        for (LintRule rule : LintRules.all()) {
            if (request.disabled().contains(rule.id()) || (rule.needsConnection() && !connected)) {
                continue;
            }
            ran.add(new LintReport.Rule(rule.id(), rule.severity(), rule.reason()));
            findings.addAll(findings(rule, context));
        }
        Map<String, Integer> order = new HashMap<>();
        context.targets().forEach(s -> order.putIfAbsent(s.file(), order.size()));
        findings.sort(Comparator.comparing((LintFinding f) -> order.getOrDefault(f.file(), Integer.MAX_VALUE))
                .thenComparingInt(LintFinding::line).thenComparingInt(LintFinding::column));
        String scope = request.scope() == LintRequest.Scope.PENDING ? "pending " : "";
        int n = context.targets().size();
        String title = "lint " + target + (connected ? "" : " (offline)") + ", " + n + " " + scope + "script"
                + (n == 1 ? "" : "s");
        return new LintReport(title, target, connected,
                context.targets().stream().map(LintScript::file).collect(Collectors.toList()), ran, findings,
                request.failOn());
    }

    /** What one rule finds, less what {@code -- idxmig:ignore} comments switch off. */
    static List<LintFinding> findings(LintRule rule, LintContext context) {
        List<LintFinding> findings = new ArrayList<>();
        for (Violation v : rule.check(context)) {
            if (!v.statement().map(s -> s.ignores(rule.id())).orElse(false)) {
                findings.add(new LintFinding(v.script().file(), v.line(), v.column(), rule.id(), v.severity(),
                        v.message(), Optional.ofNullable(v.fix())));
            }
        }
        return findings;
    }

    private void checkRuleIds(Set<String> disabled) {
        List<String> known = LintRules.ids();
        for (String id : disabled) {
            if (!known.contains(id)) {
                throw IdxmigException.usage("unknown lint rule '" + id + "'", "known rules: "
                        + String.join(", ", known));
            }
        }
    }

    /** Scripts in the configured locations; with explicit files, missing locations are no error. */
    private List<MigrationScript> located(LintRequest request, Dialect dialect) {
        try {
            MigrationLocations locations = MigrationLocations.resolve(settings.locations(), dialect.id(),
                    settings.workDir());
            List<MigrationScript> scripts = new ArrayList<>(locations.versioned());
            scripts.addAll(locations.undo());
            return scripts;
        } catch (IdxmigException e) {
            if (request.scope() == LintRequest.Scope.FILES) {
                diagnostics.detail("no migration folders to compare with: " + e.getMessage());
                return List.of();
            }
            throw e;
        }
    }

    private List<LintScript> givenFiles(List<Path> files, List<LintScript> all, Set<Version> undo,
                                        Placeholders placeholders) {
        Map<Path, LintScript> byPath = new LinkedHashMap<>();
        all.forEach(s -> byPath.put(s.path().toAbsolutePath().normalize(), s));
        List<LintScript> targets = new ArrayList<>();
        for (Path given : files) {
            Path path = settings.workDir().resolve(given).toAbsolutePath().normalize();
            if (!Files.isRegularFile(path)) {
                throw IdxmigException.usage("migration file not found: " + path, "check the path");
            }
            LintScript script = byPath.computeIfAbsent(path,
                    p -> ScriptReader.read(p, settings.workDir(), undo, placeholders));
            if (!targets.contains(script)) {
                targets.add(script);
            }
        }
        return targets;
    }

    private LiveSchema readLive(Database db) {
        try (Connection c = db.connect()) {
            Set<Version> applied = new LinkedHashSet<>();
            for (HistoryRow row : new FlywayHistory(db).read(c)) {
                if (row.success()) {
                    row.number().ifPresent(applied::add);
                }
            }
            List<IndexDefinition> indexes = new ArrayList<>();
            for (IndexInfo info : db.snapshot(c).all()) {
                StatementReader.index(info.definition()).ifPresent(indexes::add);
            }
            Map<String, Map<String, String>> tables = new LinkedHashMap<>();
            db.tables(c).forEach((table, columns) -> {
                Map<String, String> types = new LinkedHashMap<>();
                for (String column : columns) {
                    int space = column.indexOf(' ');
                    types.put(space < 0 ? column : column.substring(0, space),
                            space < 0 ? "" : column.substring(space + 1));
                }
                tables.put(table, types);
            });
            diagnostics.detail("live database: " + applied.size() + " applied versions, " + indexes.size()
                    + " indexes, " + tables.size() + " tables");
            return new LiveSchema(db, applied, indexes, tables);
        } catch (SQLException e) {
            throw IdxmigException.operation("cannot read the migration state: " + db.masker().mask(e.getMessage()),
                    null, e);
        }
    }
}
