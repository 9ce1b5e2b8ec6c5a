package dev.idxmig.ledger;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import dev.idxmig.base.Failure;
import dev.idxmig.db.CatalogSnapshot;
import dev.idxmig.db.Database;
import dev.idxmig.db.IndexConstraint;
import dev.idxmig.db.IndexInfo;
import dev.idxmig.db.InternalTables;
import dev.idxmig.db.SharedQueries;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The intent log: what a migration, rollback or restore set out to do, and how far it got. Written on a connection
 * of its own and committed at once, before the first statement (with the index catalog and tables of the schema as
 * they were) and after each statement that completed, so whatever kills the process — kill -9, a lost session, an
 * OOM kill, Ctrl-C — the next run finds the unfinished intent, resumes it against the catalog from before the
 * FIRST attempt, and records the whole effect in the index ledger however many attempts it took.
 * <p>
 * One object per run: it also holds the intent that runs right now ({@link #current()}), which the safe builds
 * ask whether a statement may already have run in an earlier attempt.
 */
public final class IntentLog {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** What set out to change the schema. */
    public enum Kind {
        MIGRATE, ROLLBACK, RESTORE,
        /** {@code migrate --finish-soft-drops}: the real drops of one version's soft-dropped indexes. */
        FINISH;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How an attempt stopped short: the intent stays open for the next run to resume. */
    public enum Stop {
        INTERRUPTED, FAILED;

        /** {@link #INTERRUPTED} for an interruption (Ctrl-C, SIGTERM), else {@link #FAILED}. */
        public static Stop of(Failure failure) {
            return failure == Failure.INTERRUPTED ? INTERRUPTED : FAILED;
        }
    }

    /** What a row of the log records; stored as its {@link #label()} in the {@code event} column. */
    private enum Event {
        STARTED, RESUMED, STATEMENT, FINISHED, INTERRUPTED, FAILED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Event of(Stop stop) {
            return stop == Stop.INTERRUPTED ? INTERRUPTED : FAILED;
        }
    }

    /**
     * One intent: started in this run or resumed from an earlier one ({@code attempt} > 1).
     *
     * @param earlierStatements statements recorded as completed by the earlier attempts
     * @param before            the schema's indexes before the first attempt
     * @param tablesBefore      the schema's tables and columns before the first attempt
     */
    public record Intent(long id, Kind kind, String version, String script, int attempt, long earlierStatements,
                         CatalogSnapshot before, Map<String, List<String>> tablesBefore) {
        public boolean resumed() {
            return attempt > 1;
        }
    }

    private final Database database;
    private final String table;
    private volatile Intent current;
    private volatile long statements;
    /** Whether this run has made sure of the table: once per target, not once per migration. */
    private volatile boolean tableReady;

    public IntentLog(Database database) {
        this.database = database;
        this.table = database.dialect().qualify(database.schema(), InternalTables.INTENT_LOG);
    }

    /**
     * Creates the table if needed, with the first intent: not before Flyway has run once, which refuses a schema
     * that has tables but no history. The ledger's table comparisons leave it out ({@link #tablesOf}).
     */
    private void ensureTable(Connection c) throws SQLException {
        if (tableReady) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute(database.dialect().sql(SharedQueries.INTENT_CREATE).replace("{table}", table));
        }
        tableReady = true;
    }

    /** The intents of a kind that never finished, oldest first. */
    public List<Intent> unfinished(Kind kind) throws SQLException {
        try (Connection c = database.connect()) {
            return unfinished(c, kind, Optional.empty());
        }
    }

    /**
     * The unfinished intents of a kind, only those of {@code version} when one is given: the catalog in a 'started'
     * row is read only for those (within one run, the intents of the migrations applied before this one stay open
     * until Flyway's run ends, and reading each of their catalogs again for every migration grew with the schema).
     */
    private List<Intent> unfinished(Connection c, Kind kind, Optional<String> version) throws SQLException {
        if (!tableReady && !database.dialect().tableExists(c, database.schema(), InternalTables.INTENT_LOG)) {
            return List.of();
        }
        List<Intent> intents = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(database.dialect().sql(SharedQueries.INTENT_UNFINISHED)
                .replace("{table}", table))) {
            ps.setString(1, kind.label());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (version.isPresent() && !version.get().equals(rs.getString("version"))) {
                        continue;
                    }
                    Catalog catalog = parse(rs.getString("detail"));
                    intents.add(new Intent(rs.getLong("id"), kind, rs.getString("version"), rs.getString("script"),
                            rs.getInt("resumes") + 1, rs.getLong("statements"), catalog.snapshot(),
                            catalog.tables()));
                }
            }
        }
        return intents;
    }

    /**
     * Starts an intent, or resumes the unfinished one of the same kind and version: committed before anything of
     * it runs. Becomes {@link #current()}.
     */
    public Intent begin(Kind kind, String version, String script) throws SQLException {
        try (Connection c = database.connect()) {
            c.setAutoCommit(true);
            ensureTable(c);
            Optional<Intent> earlier = unfinished(c, kind, Optional.of(version)).stream().reduce((a, b) -> b);
            Intent intent;
            if (earlier.isPresent()) {
                Intent e = earlier.get();
                intent = new Intent(e.id(), kind, version, script, e.attempt() + 1, e.earlierStatements(), e.before(),
                        e.tablesBefore());
                insert(c, OptionalLong.of(e.id()), kind, version, script, Event.RESUMED, intent.attempt(),
                        Optional.empty());
            } else {
                CatalogSnapshot before = database.snapshot(c);
                Map<String, List<String>> tables = tablesOf(c);
                long id = insert(c, OptionalLong.empty(), kind, version, script, Event.STARTED, 1,
                        Optional.of(render(before, tables)));
                intent = new Intent(id, kind, version, script, 1, 0, before, tables);
            }
            current = intent;
            statements = 0;
            return intent;
        }
    }

    /** The schema's tables as the ledger compares them, without idxmig's own intent log. */
    public Map<String, List<String>> tablesOf(Connection c) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>(database.tables(c));
        tables.remove(InternalTables.INTENT_LOG);
        return tables;
    }

    /** The intent running now, if any. */
    public Optional<Intent> current() {
        return Optional.ofNullable(current);
    }

    /** Statements completed in this attempt of the current intent. */
    public long statementsThisAttempt() {
        return statements;
    }

    /** Records that a statement of the current intent completed (nothing when none runs). */
    public void statementDone(String sql) throws SQLException {
        Intent intent = current;
        if (intent == null) {
            return;
        }
        try (Connection c = database.connect()) {
            c.setAutoCommit(true);
            insert(c, OptionalLong.of(intent.id()), intent.kind(), intent.version(), intent.script(), Event.STATEMENT,
                    intent.attempt(), Optional.of(sql.strip()));
        }
        statements++;
    }

    /** The current intent finished: it will not be resumed. */
    public void finished() throws SQLException {
        Intent intent = current;
        if (intent != null) {
            finish(intent);
        }
    }

    /** No intent runs now (the current one stays open until {@link #finish}ed). */
    public void release() {
        current = null;
    }

    /** Ends an intent by id: its work is done (used for intents a killed run finished but could not close). */
    public void finish(Intent intent) throws SQLException {
        database.inTransaction(c -> {
            insert(c, OptionalLong.of(intent.id()), intent.kind(), intent.version(), intent.script(), Event.FINISHED,
                    intent.attempt(), Optional.empty());
            // The catalog in the 'started' row only serves a resume: a finished intent lets it go, so the log grows
            // by a few rows per migration, not by the schema's whole catalog each time.
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table
                    + " SET detail = NULL WHERE id = ? AND event = ?")) {
                ps.setLong(1, intent.id());
                ps.setString(2, Event.STARTED.label());
                ps.executeUpdate();
            }
        });
        if (current != null && current.id() == intent.id()) {
            current = null;
        }
    }

    /**
     * The current attempt stopped; the intent stays open for the next run. Best effort: a log that cannot be
     * written leaves the 'started' row, which resumes all the same.
     */
    public void stopped(Stop stop, String why) {
        Intent intent = current;
        current = null;
        if (intent == null) {
            return;
        }
        try (Connection c = database.connect()) {
            c.setAutoCommit(true);
            insert(c, OptionalLong.of(intent.id()), intent.kind(), intent.version(), intent.script(), Event.of(stop),
                    intent.attempt(), Optional.of(why));
        } catch (SQLException e) {
            // the open intent is what matters, and it is open
        }
    }

    private long insert(Connection c, OptionalLong intentId, Kind kind, String version, String script, Event event,
                        int attempt, Optional<String> detail) throws SQLException {
        String sql = "INSERT INTO " + table + " (intent_id, kind, version, script, event, attempt, detail, "
                + "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            if (intentId.isPresent()) {
                ps.setLong(1, intentId.getAsLong());
            } else {
                ps.setNull(1, java.sql.Types.BIGINT);
            }
            ps.setString(2, kind.label());
            ps.setString(3, version);
            ps.setString(4, script);
            ps.setString(5, event.label());
            ps.setInt(6, attempt);
            ps.setString(7, detail.orElse(null));
            database.dialect().setInstant(ps, 8, Instant.now());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : intentId.orElse(0);
            }
        }
    }

    /** The catalog as stored in a 'started' row. */
    private record Catalog(CatalogSnapshot snapshot, Map<String, List<String>> tables) {
    }

    private record StoredIndex(String schema, String table, String name, String definition, String method,
                               boolean unique, boolean partial, boolean valid, boolean ready, Long sizeBytes,
                               String constraintName, String constraintDefinition) {
    }

    private record Stored(List<StoredIndex> indexes, Map<String, List<String>> tables) {
    }

    static String render(CatalogSnapshot snapshot, Map<String, List<String>> tables) {
        List<StoredIndex> indexes = new ArrayList<>();
        // with the indexes behind constraints: the ledger diffs against them too
        for (IndexInfo i : snapshot.withConstraints()) {
            indexes.add(new StoredIndex(i.schema(), i.table(), i.name(), i.definition(), i.method(), i.unique(),
                    i.partial(), i.valid(), i.ready(), i.sizeBytes().isPresent() ? i.sizeBytes().getAsLong() : null,
                    i.constraint().map(IndexConstraint::name).orElse(null),
                    i.constraint().map(IndexConstraint::definition).orElse(null)));
        }
        try {
            return JSON.writeValueAsString(new Stored(indexes, tables));
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write the catalog of the intent log", e);
        }
    }

    static Catalog parse(String text) throws SQLException {
        try {
            Stored stored = JSON.readValue(text, Stored.class);
            List<IndexInfo> indexes = new ArrayList<>();
            for (StoredIndex i : stored.indexes()) {
                indexes.add(new IndexInfo(i.schema(), i.table(), i.name(), i.definition(), i.method(), i.unique(),
                        i.partial(), i.valid(), i.ready(),
                        i.sizeBytes() == null ? OptionalLong.empty() : OptionalLong.of(i.sizeBytes()),
                        Optional.ofNullable(i.constraintName())
                                .map(name -> IndexConstraint.of(name, i.constraintDefinition()))));
            }
            return new Catalog(new CatalogSnapshot(indexes), new LinkedHashMap<>(stored.tables()));
        } catch (RuntimeException e) {
            throw new SQLException("the intent log's catalog cannot be read: " + e.getMessage(), e);
        }
    }
}
