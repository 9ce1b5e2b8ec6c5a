package dev.idxmig.verify;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.CatalogSnapshot;
import dev.idxmig.db.Database;
import dev.idxmig.db.DefinedIndex;
import dev.idxmig.db.IndexConstraint;
import dev.idxmig.db.Dialect;
import dev.idxmig.db.IndexInfo;
import dev.idxmig.db.IntegrityCheck;
import dev.idxmig.db.UnhealthyIndex;
import dev.idxmig.ledger.HistoryRow;
import dev.idxmig.ledger.LedgerEntry;
import dev.idxmig.ledger.PendingMigrations;
import dev.idxmig.ledger.SchemaState;
import dev.idxmig.base.CheckResult;
import dev.idxmig.base.Diagnostics;
import dev.idxmig.base.Finding;
import dev.idxmig.script.MigrationLocations;
import dev.idxmig.script.FlywayChecksum;
import dev.idxmig.script.MigrationScript;
import dev.idxmig.script.Version;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Proves what the migrations promised: every index in the ledger stands, valid and as defined (and every
 * dropped one stays gone), no invalid index lingers in the schema, Flyway's history matches the scripts, the
 * data is intact, and nothing is pending (when asked). Reads the catalog with a handful of queries in all,
 * never one per index, and does not start Flyway.
 */
public final class VerifyService {
    static final String PROMISED = "promised indexes";
    static final String INVALID = "invalid indexes";
    static final String HISTORY = "migration history";
    static final String INTEGRITY = "data integrity";
    static final String PENDING = "pending migrations";

    private final Database database;
    private final ProjectSettings settings;
    private final Diagnostics diagnostics;

    public VerifyService(Database database, ProjectSettings settings, Diagnostics diagnostics) {
        this.database = database;
        this.settings = settings;
        this.diagnostics = diagnostics;
    }

    public VerifyReport verify(VerifyOptions options) {
        return verify(options, Optional.empty());
    }

    /**
     * @param prefetched this schema's history, ledger and catalog when a fleet run read them together with other
     *                   schemas' ({@link SchemaState#readAll}); empty: read them here
     */
    public VerifyReport verify(VerifyOptions options, Optional<SchemaState> prefetched) {
        MigrationLocations locations = MigrationLocations.of(settings, database.dialect().id());
        List<MigrationScript> scripts = locations.versioned();
        Dialect dialect = database.dialect();
        List<CheckResult> checks = new ArrayList<>();
        try (Connection c = database.connect()) {
            long start = System.nanoTime();
            SchemaState state = prefetched.isPresent() ? prefetched.get() : SchemaState.read(database, c);
            List<LedgerEntry> ledger = state.ledger();
            List<HistoryRow> history = state.history();
            CatalogSnapshot catalog = state.catalog();
            List<UnhealthyIndex> unhealthy = state.unhealthy();
            List<ExpectedIndex> expected = ExpectedIndex.from(ledger);
            Map<String, List<String>> gaps = partitionGaps(c, expected, catalog);
            Set<String> redefined = redefined(c, expected, catalog);
            List<ExpectedIndex> watched = withoutTheirTables(c, expected, catalog);
            checks.add(timed(PROMISED, start, promised(watched, catalog, unhealthy, gaps, redefined,
                    options.strict())));

            start = System.nanoTime();
            Set<String> ours = expected.stream().map(ExpectedIndex::name).collect(Collectors.toSet());
            checks.add(timed(INVALID, start, invalid(unhealthy, ours, gaps)));

            start = System.nanoTime();
            checks.add(timed(HISTORY, start, history(scripts, history)));

            start = System.nanoTime();
            List<IndexInfo> btrees = catalog.all().stream()
                    .filter(i -> "btree".equals(i.method()) && i.healthy() && ours.contains(i.name()))
                    .collect(Collectors.toList());
            checks.add(timed(INTEGRITY, start, integrity(options.deep(), dialect.checkIntegrity(c, database.schema(), btrees,
                    options.deep()))));

            start = System.nanoTime();
            checks.add(timed(PENDING, start, pending(PendingMigrations.of(scripts, history, Optional.empty()),
                    history, options.failOnPending())));
        } catch (SQLException e) {
            throw IdxmigException.operation("cannot read the database for verify: "
                    + database.masker().mask(e.getMessage()), null, e);
        }
        return new VerifyReport(database.productVersion(), database.schema(), checks);
    }

    private static CheckResult timed(String name, long startNanos, List<Finding> findings) {
        return new CheckResult(name, findings, List.of(), (System.nanoTime() - startNanos) / 1_000_000);
    }

    /**
     * For each index of a partitioned table that is not valid: the partitions without their attached, valid index,
     * which is why (read only then: a valid partitioned index has them all).
     */
    private Map<String, List<String>> partitionGaps(Connection c, List<ExpectedIndex> expected,
                                                    CatalogSnapshot catalog) throws SQLException {
        Map<String, List<String>> gaps = new java.util.HashMap<>();
        for (IndexInfo live : catalog.withConstraints()) {
            if (!live.valid() && database.dialect().partitionedIndex(live.definition())) {
                gaps.put(live.name(), database.dialect().partitionsWithoutIndex(c, live.schema(), live.name()));
            }
        }
        return gaps;
    }

    /**
     * The standing, healthy indexes whose live definition (or constraint) is not the recorded one: compared by what
     * they build ({@link Dialect#sameIndex}), so the server printing a definition again in other words is no change.
     * Identical text costs nothing; only the rare differing text asks the database.
     */
    private Set<String> redefined(Connection c, List<ExpectedIndex> expected, CatalogSnapshot catalog)
            throws SQLException {
        Set<String> redefined = new java.util.HashSet<>();
        for (ExpectedIndex e : expected) {
            Optional<IndexInfo> live = catalog.find(e.name());
            Optional<DefinedIndex> recorded = e.defined(database.schema());
            if (e.stands() && recorded.isPresent() && live.isPresent() && live.get().healthy()
                    && !database.dialect().sameIndex(c, recorded.get(), DefinedIndex.of(live.get()))) {
                redefined.add(e.name());
            }
        }
        return redefined;
    }

    /**
     * The expected indexes, less the adopted constraints whose table is gone: a table's primary key or unique
     * constraint goes with the table, and the ledger records a migration's table drop as a table change, not as the
     * drop of its constraints. Asks the database only about adopted constraints that are gone.
     */
    private List<ExpectedIndex> withoutTheirTables(Connection c, List<ExpectedIndex> expected, CatalogSnapshot catalog)
            throws SQLException {
        List<ExpectedIndex> kept = new ArrayList<>();
        for (ExpectedIndex e : expected) {
            if (!(e.adopted() && e.constraint().isPresent() && catalog.find(e.name()).isEmpty()
                    && !database.dialect().tableExists(c, database.schema(), e.table()))) {
                kept.add(e);
            }
        }
        return kept;
    }

    /** "CREATE UNIQUE INDEX ... (a) behind UNIQUE (a) DEFERRABLE": a definition with its constraint, for messages. */
    private static String described(String definition, Optional<IndexConstraint> constraint) {
        return "'" + definition + "'" + constraint.map(k -> " behind " + k.kind().label() + " '" + k.definition() + "'")
                .orElse("");
    }

    private static String drift(ExpectedIndex e, IndexInfo live) {
        return "recorded " + described(e.definition().orElse(""), e.constraint()) + ", now "
                + described(live.definition(), live.constraint());
    }

    private List<Finding> promised(List<ExpectedIndex> expected, CatalogSnapshot catalog,
                                   List<UnhealthyIndex> unhealthy, Map<String, List<String>> partitionGaps,
                                   Set<String> redefined, boolean strict) {
        Map<String, UnhealthyIndex> unhealthyByName = unhealthy.stream()
                .collect(Collectors.toMap(UnhealthyIndex::name, Function.identity(), (a, b) -> a));
        Dialect dialect = database.dialect();
        List<Finding> findings = new ArrayList<>();
        for (ExpectedIndex e : expected) {
            Optional<IndexInfo> live = catalog.find(e.name());
            String object = e.object();
            String by = " " + e.script();
            if (e.adopted()) {
                adopted(e, live, unhealthyByName.get(e.name()), redefined.contains(e.name()), strict)
                        .ifPresent(findings::add);
                continue;
            }
            if (!e.stands()) {
                live.ifPresent(l -> findings.add(Finding.error(PROMISED, object, "was dropped by" + by
                        + " but exists again", "drop it (" + dialect.onlineDrop(l.schema(), l.table(), l.name())
                        + ") or record it in a new migration")));
                continue;
            }
            if (live.isEmpty()) {
                findings.add(Finding.error(PROMISED, object, "is missing; it was created by" + by,
                        e.definition().map(d -> "recreate it: " + dialect.onlineCreate(d))
                                .orElse("run the migration again")));
            } else if (!live.get().healthy()) {
                findings.add(unhealthy(e, live.get(), Optional.ofNullable(unhealthyByName.get(e.name())),
                        Optional.ofNullable(partitionGaps.get(e.name()))));
            } else if (redefined.contains(e.name())) {
                findings.add(ignoredByHand(e, live.get()).orElseGet(() -> Finding.error(PROMISED, object,
                        "differs from what" + by + (e.softDroppedSince().isPresent() ? " soft-dropped: " : " created: ")
                                + drift(e, live.get()), "rebuild it as recorded, or put the new definition in a migration")));
            } else if (e.softDroppedSince().isPresent()) {
                String word = dialect.softDrops().map(dev.idxmig.db.SoftDrops::word).orElse("ignored");
                findings.add(Finding.info(PROMISED, object, "soft-dropped by" + by + " (" + word + " since "
                        + e.softDroppedSince().get().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "): queries do not use it; 'idxmig migrate "
                        + "--finish-soft-drops' drops it for real"));
            }
        }
        diagnostics.detail("verify: " + expected.size() + " ledger indexes against " + catalog.size() + " in the catalog");
        return findings;
    }

    /**
     * An index the optimizer ignores although the ledger records no soft drop of it (ignored by hand, outside any
     * migration): said as such, not as a mere change of definition.
     */
    private Optional<Finding> ignoredByHand(ExpectedIndex e, IndexInfo live) {
        Optional<dev.idxmig.db.SoftDrops> soft = database.dialect().softDrops();
        if (soft.isEmpty() || e.softDroppedSince().isPresent() || !soft.get().ignored(live.definition())
                || e.definition().map(soft.get()::ignored).orElse(true)) {
            return Optional.empty();
        }
        return Optional.of(Finding.error(PROMISED, e.object(), "is " + soft.get().word() + " (queries do not use "
                        + "it), but the ledger records no soft drop of it: it was ignored outside the migrations; "
                        + "recorded by " + e.script() + ": '" + e.definition().orElse("") + "'",
                "make it used again (" + soft.get().restore(database.schema(), e.table(), e.name()) + "), or drop it "
                        + "in a migration (migrate --soft-drop ignores it on the record)"));
    }

    /**
     * The finding on a promised index that is not usable: still being built, a partitioned table's index with
     * partitions missing theirs ({@code gaps}), or invalid.
     */
    private Finding unhealthy(ExpectedIndex e, IndexInfo live, Optional<UnhealthyIndex> u,
                              Optional<List<String>> gaps) {
        String by = " " + e.script();
        if (u.isPresent() && u.get().inProgress()) {
            return Finding.info(PROMISED, e.object(), "is still being built (pid " + u.get().buildPid().orElse(0)
                    + ", " + u.get().buildPhase().orElse("") + ")");
        }
        if (gaps.isPresent()) {
            return Finding.error(PROMISED, e.object(), "is the index of a partitioned table and INVALID "
                            + "until every partition has its index attached; missing on " + gaps.get().size() + ": "
                            + String.join(", ", gaps.get()) + "; created by" + by,
                    "run the migration again ('idxmig repair', then 'idxmig migrate'): idxmig builds and "
                            + "attaches what is missing, partition by partition");
        }
        Dialect dialect = database.dialect();
        return Finding.error(PROMISED, e.object(), "is INVALID (not usable by queries); created by" + by,
                "drop and rebuild it: " + dialect.onlineDrop(live.schema(), live.table(), e.name()) + "; "
                        + e.definition().map(dialect::onlineCreate).orElse(""));
    }

    /**
     * An index that stood before idxmig adopted the schema: drift made by hand (dropped, invalid, redefined) is what
     * an operator wants to hear about, but no migration promised it, so it is a warning unless {@code strict}. A
     * primary key, unique or exclusion constraint is a promise about the data, not only a way to it: one gone or
     * redefined is an error.
     */
    private Optional<Finding> adopted(ExpectedIndex e, Optional<IndexInfo> live, UnhealthyIndex unhealthy,
                                      boolean redefined, boolean strict) {
        Dialect dialect = database.dialect();
        String object = e.object();
        String recreate = e.constraint().map(k -> dialect.addConstraint(database.schema(), e.table(), k,
                false /* building its own index */))
                .or(() -> e.definition().map(dialect::onlineCreate)).map(s -> "recreate it (" + s + "), or ")
                .orElse("");
        String since = " (adopted at baseline " + e.version() + ")";
        String message;
        String hint;
        if (live.isEmpty()) {
            message = "is gone" + since + "; it stood when idxmig adopted the schema";
            hint = recreate + "record the drop in a migration";
        } else if (!live.get().healthy()) {
            if (unhealthy != null && unhealthy.inProgress()) {
                return Optional.of(Finding.info(PROMISED, object, "is being rebuilt right now" + since));
            }
            message = "is INVALID" + since + ": queries cannot use it";
            hint = "drop and rebuild it: " + dialect.onlineDrop(live.get().schema(), live.get().table(), e.name()) + "; "
                    + e.definition().map(dialect::onlineCreate).orElse("");
        } else if (redefined) {
            message = "was changed by hand" + since + ": " + drift(e, live.get());
            hint = "put the new definition in a migration, or rebuild it as recorded";
        } else {
            return Optional.empty();
        }
        if (e.constraint().isPresent()) {
            return Optional.of(Finding.error(PROMISED, object, message, hint));
        }
        return Optional.of(strict ? Finding.error(PROMISED, object, message, hint)
                : Finding.warning(PROMISED, object, message, hint + " (--strict makes this an error)"));
    }

    private List<Finding> invalid(List<UnhealthyIndex> unhealthy, Set<String> ours,
                                  Map<String, List<String>> partitionGaps) {
        Dialect dialect = database.dialect();
        List<Finding> findings = new ArrayList<>();
        for (UnhealthyIndex u : unhealthy) {
            if (ours.contains(u.name())) {
                continue; // reported under promised indexes
            }
            String object = u.name() + " on " + u.table();
            if (u.inProgress()) {
                findings.add(Finding.info(INVALID, object, "is being built right now (pid " + u.buildPid().orElse(0)
                        + ", " + u.buildPhase().orElse("") + "): in progress, not broken"));
            } else if (partitionGaps.containsKey(u.name())) {
                List<String> gaps = partitionGaps.get(u.name());
                findings.add(Finding.error(INVALID, object, "is the index of a partitioned table, INVALID until every "
                                + "partition has its index attached; missing on " + gaps.size() + ": "
                                + String.join(", ", gaps),
                        "run the migration that builds it again ('idxmig repair', then 'idxmig migrate'): idxmig "
                                + "builds and attaches what is missing, partition by partition"));
            } else if (u.reindexLeftover().isPresent()) {
                findings.add(Finding.error(INVALID, object, "is a leftover copy of a failed REINDEX CONCURRENTLY of "
                        + u.reindexLeftover().get(), "drop it: " + dialect.onlineDrop(u.schema(), u.name())));
            } else {
                findings.add(Finding.error(INVALID, object, "is INVALID" + (u.ready() ? "" : " and not ready")
                                + ": queries cannot use it, yet writes may still maintain it",
                        "drop it (" + dialect.onlineDrop(u.schema(), u.name()) + ") and build it again"));
            }
        }
        return findings;
    }

    /**
     * Flyway's own validation, without starting Flyway: a failed migration recorded in the history, an applied
     * migration whose script is gone, and an applied script edited afterwards (its checksum changed).
     */
    static List<Finding> history(List<MigrationScript> scripts, List<HistoryRow> rows) {
        Map<Version, MigrationScript> byVersion = scripts.stream()
                .collect(Collectors.toMap(MigrationScript::version, Function.identity(), (a, b) -> a));
        List<Finding> findings = new ArrayList<>();
        for (HistoryRow row : rows) {
            if (row.number().isEmpty() || row.kind() != HistoryRow.Kind.MIGRATION) {
                continue;
            }
            if (!row.success()) {
                findings.add(Finding.error(HISTORY, row.script(), "failed when it was applied and is recorded as "
                                + "failed", "fix the cause (or the script) and run 'idxmig migrate': it resumes a "
                                + "migration it ran itself from its intent log; one another tool left failed needs "
                                + "its leftovers cleaned up ('idxmig status') and 'idxmig repair' first"));
                continue;
            }
            MigrationScript script = byVersion.get(row.number().get());
            if (script == null) {
                findings.add(Finding.error(HISTORY, row.script(), "was applied but has no script in the migration "
                        + "folders", "restore the script, or check --locations"));
            } else if (row.checksum().isPresent() && row.checksum().get() != checksum(script)) {
                findings.add(Finding.error(HISTORY, script.fileName(), "was edited after it was applied (checksum "
                                + row.checksum().get() + " applied, " + checksum(script) + " now)",
                        "restore the script as it was applied and put changes in a new version "
                                + "('idxmig repair' accepts a deliberate edit)"));
            }
        }
        return findings;
    }

    private static int checksum(MigrationScript script) {
        try {
            return FlywayChecksum.of(script.path());
        } catch (java.io.IOException e) {
            throw IdxmigException.usage("cannot read " + script.path() + ": " + e.getMessage(),
                    "check the file's permissions");
        }
    }

    private List<Finding> integrity(boolean deep, List<IntegrityCheck> results) {
        List<Finding> findings = new ArrayList<>();
        for (IntegrityCheck check : results) {
            if (!check.ran()) {
                // A check left out because --deep was not asked is information; one asked for that could not run
                // (extension missing, not permitted) is a warning.
                String notice = check.notice().orElse("did not run");
                findings.add(deep ? Finding.warning(INTEGRITY, check.name(), notice, null)
                        : Finding.info(INTEGRITY, check.name(), notice));
                continue;
            }
            for (IntegrityCheck.Problem p : check.problems()) {
                findings.add(Finding.error(INTEGRITY, p.object(), check.name() + ": " + p.message(),
                        check.name().equals("foreign_key_check") ? "fix or delete the orphaned row"
                                : "restore from a backup ('idxmig restore'), or rebuild the damaged index"));
            }
        }
        return findings;
    }

    private static List<Finding> pending(List<MigrationScript> pending, List<HistoryRow> history, boolean fail) {
        Set<Version> failed = history.stream().filter(r -> !r.success()).flatMap(r -> r.number().stream())
                .collect(Collectors.toSet());
        List<Finding> findings = new ArrayList<>();
        for (MigrationScript s : pending) {
            String message = failed.contains(s.version())
                    ? "is pending: it failed part-way (see migration history), and the next migrate runs it again"
                    : "is pending (not applied yet)";
            findings.add(fail ? Finding.error(PENDING, s.fileName(), message, "run 'idxmig migrate'")
                    : Finding.info(PENDING, s.fileName(), message));
        }
        return findings;
    }

    private static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private static String firstLine(String text) {
        return text == null ? "" : text.strip().lines().findFirst().orElse("");
    }
}
