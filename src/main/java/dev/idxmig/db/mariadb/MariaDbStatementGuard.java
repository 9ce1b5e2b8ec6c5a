package dev.idxmig.db.mariadb;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.Durations;
import dev.idxmig.db.CatalogSnapshot;
import dev.idxmig.db.SqlResource;
import dev.idxmig.db.StatementGuard;
import dev.idxmig.script.IndexDefinition;
import dev.idxmig.script.StatementReader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * MariaDB's migration statements: {@code lock_wait_timeout} from {@code --lock-timeout} (MariaDB's default is a
 * day, MySQL's a year, and a DDL statement waiting for a metadata lock blocks every query behind it), index
 * statements made online or refused ({@link OnlineDdl}), and on a resumed attempt the index statements an earlier attempt completed passed
 * over: MariaDB has no transactional DDL, so every migration runs statement by statement through the intent log.
 */
final class MariaDbStatementGuard implements StatementGuard {
    /** ER_LOCK_WAIT_TIMEOUT: a metadata or row lock not acquired within lock_wait_timeout. */
    static final int LOCK_WAIT_TIMEOUT = 1205;
    /** ER_LOCK_DEADLOCK: chosen as a deadlock's victim; nothing of the statement ran. */
    static final int DEADLOCK = 1213;
    /** ER_ALTER_OPERATION_NOT_SUPPORTED and ..._REASON: the ALGORITHM or LOCK asked for is not possible. */
    static final List<Integer> NOT_ONLINE = List.of(1845, 1846);

    @Override
    public void applySession(Connection c, Duration lockTimeout) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET SESSION lock_wait_timeout = " + seconds(lockTimeout));
        }
    }

    /** lock_wait_timeout is whole seconds, at least one (0 would mean: do not wait at all, then fail). */
    static long seconds(Duration timeout) {
        long s = (timeout.toMillis() + 999) / 1000;
        return Math.max(1, s);
    }

    @Override
    public void resetSession(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET SESSION lock_wait_timeout = DEFAULT");
        }
    }

    @Override
    public Decision decide(Connection c, String schema, String sql, Optional<CatalogSnapshot> resumedFrom,
                           Policy policy) throws SQLException {
        boolean allowTableCopy = policy.allowTableCopy();
        OnlineDdl.Outcome outcome = OnlineDdl.rewrite(sql);
        if (outcome instanceof OnlineDdl.NotIndex) {
            return Decision.asWritten(sql);
        }
        OnlineDdl.Reading reading = reading(outcome);
        if (resumedFrom.isPresent() && doneBefore(c, schema, reading, resumedFrom.get())) {
            return new Decision(Optional.empty(), Optional.of("skipped, an earlier attempt completed it: "
                    + firstLine(sql)));
        }
        if (policy.softDrop() && reading.changes().stream().anyMatch(ch -> !ch.adds())) {
            SoftDrop soft = softDrop(c, schema, sql, reading);
            if (soft.sql().isPresent()) {
                return new Decision(soft.sql(), Optional.of("soft drop (--soft-drop): " + firstLine(sql)
                        + " runs as " + soft.sql().get()));
            }
            Decision hard = decide(c, schema, sql, resumedFrom, new Policy(allowTableCopy, false));
            return new Decision(hard.run(), Optional.of("dropped for real despite --soft-drop: " + firstLine(sql)
                    + " — " + soft.why()), true);
        }
        if (outcome instanceof OnlineDdl.Refused refused && allowTableCopy) {
            return new Decision(Optional.of(sql), Optional.of("runs as written, allowed by --allow-table-copy: "
                    + firstLine(sql) + " — " + refused.reason()), true);
        }
        if (outcome instanceof OnlineDdl.Refused refused) {
            throw IdxmigException.operation("refused: " + firstLine(sql) + " — " + refused.reason()
                            + "; idxmig never lets an index statement copy the table or block its writes",
                    "write ALGORITHM=INPLACE, LOCK=NONE (or leave both out: idxmig adds them); a statement that "
                            + "needs a table copy runs in a maintenance window, with --allow-table-copy", null);
        }
        Optional<String> prefix = prefixWarning(c, schema, sql, reading);
        if (outcome instanceof OnlineDdl.Rewritten rewritten) {
            return new Decision(Optional.of(rewritten.sql()), Optional.of(prefix.orElse("runs online: "
                    + firstLine(sql) + " ... " + rewritten.added())), prefix.isPresent());
        }
        return prefix.map(why -> new Decision(Optional.of(sql), Optional.of(why), true))
                .orElse(Decision.asWritten(sql));
    }

    /**
     * For a {@code CREATE INDEX} naming a whole column wider than a key (TEXT, a long VARCHAR), what MariaDB builds
     * instead ({@link KeyPrefixes}): the index the script promises is not the one built, said before it runs.
     */
    private static Optional<String> prefixWarning(Connection c, String schema, String sql, OnlineDdl.Reading reading)
            throws SQLException {
        Optional<IndexDefinition> index = reading.form() == OnlineDdl.Form.CREATE_INDEX
                ? StatementReader.index(sql) : Optional.empty();
        if (index.isEmpty()) {
            return Optional.empty();
        }
        Set<String> whole = new HashSet<>();
        index.get().columns().forEach(part -> IndexDefinition.plainColumn(part)
                .ifPresent(column -> whole.add(column.toLowerCase(Locale.ROOT))));
        return KeyPrefixes.warning(index.get().name(), index.get().unique(),
                keyColumns(c, schema, reading.table(), whole));
    }

    /** The table's columns of these names (lower case), as a key sees them. */
    private static List<KeyPrefixes.Column> keyColumns(Connection c, String schema, String table, Set<String> names)
            throws SQLException {
        List<KeyPrefixes.Column> columns = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SqlResource.load("mariadb", "key_columns"))) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString("column_name");
                    long maxBytes = rs.getLong("max_bytes");
                    Optional<Long> bytes = rs.wasNull() ? Optional.empty() : Optional.of(maxBytes);
                    if (names.contains(name.toLowerCase(Locale.ROOT))) {
                        columns.add(new KeyPrefixes.Column(table, name, rs.getString("data_type"), bytes,
                                rs.getLong("bytes_per_char")));
                    }
                }
            }
        }
        return columns;
    }

    /** A drop as a soft drop ({@code sql}), or why it cannot be one. */
    private record SoftDrop(Optional<String> sql, String why) {
    }

    /**
     * The drop statement as {@code ALTER TABLE t ALTER INDEX i IGNORED, ALGORITHM=INSTANT}, where every index it
     * drops can be ignored in its stead: not a primary key (MariaDB cannot ignore one), not a UNIQUE index (an
     * ignored one still refuses duplicates, so ignoring it is not the drop the script asks for), not a missing one
     * (the statement as written says what happens then), and only a statement that does nothing but drop.
     */
    private static SoftDrop softDrop(Connection c, String schema, String sql, OnlineDdl.Reading reading)
            throws SQLException {
        Optional<List<String>> drops = OnlineDdl.onlyDrops(sql);
        if (drops.isEmpty()) {
            return new SoftDrop(Optional.empty(), "the statement does more than drop indexes, and only a statement "
                    + "that only drops can be run as ALTER INDEX ... IGNORED");
        }
        List<String> clauses = new ArrayList<>();
        for (String index : drops.get()) {
            if (index.equalsIgnoreCase(IndexDefinitions.PRIMARY)) {
                return new SoftDrop(Optional.empty(), "MariaDB cannot ignore a primary key");
            }
            Optional<Boolean> unique = unique(c, schema, reading.table(), index);
            if (unique.isEmpty()) {
                return new SoftDrop(Optional.empty(), "index " + index + " is not on " + reading.table()
                        + ", so the statement runs as written");
            }
            if (unique.get()) {
                return new SoftDrop(Optional.empty(), "UNIQUE index " + index + " would go on refusing duplicate "
                        + "values while IGNORED, so ignoring it is not the drop the script asks for");
            }
            clauses.add("ALTER INDEX " + IndexDefinitions.quote(index) + " IGNORED");
        }
        return new SoftDrop(Optional.of("ALTER TABLE " + IndexDefinitions.quote(schema) + "."
                + IndexDefinitions.quote(reading.table()) + " " + String.join(", ", clauses)
                + ", ALGORITHM=INSTANT"), "");
    }

    /** Whether the index is UNIQUE; empty when the table has no such index. */
    private static Optional<Boolean> unique(Connection c, String schema, String table, String index)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SqlResource.load("mariadb",
                "index_uniqueness"))) {
            ps.setString(1, schema);
            ps.setString(2, table);
            ps.setString(3, index);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long nonUnique = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(nonUnique == 0);
            }
        }
    }

    private static OnlineDdl.Reading reading(OnlineDdl.Outcome outcome) {
        if (outcome instanceof OnlineDdl.Refused r) {
            return r.reading();
        }
        if (outcome instanceof OnlineDdl.Rewritten r) {
            return r.reading();
        }
        return ((OnlineDdl.AsWritten) outcome).reading();
    }

    /**
     * Whether every index the statement names was already added (there now, not before the first attempt) or
     * dropped (gone now, there before) by an earlier attempt: then running it again would only fail.
     */
    private static boolean doneBefore(Connection c, String schema, OnlineDdl.Reading reading, CatalogSnapshot before)
            throws SQLException {
        if (reading.changes().isEmpty()) {
            return false;
        }
        for (OnlineDdl.Change change : reading.changes()) {
            boolean wasThere = before.withConstraints().stream().anyMatch(i -> i.table().equals(reading.table())
                    && IndexDefinitions.serverName(i).equalsIgnoreCase(change.index()));
            boolean isThere = exists(c, schema, reading.table(), change.index());
            if (change.adds() ? wasThere || !isThere : !wasThere || isThere) {
                return false;
            }
        }
        return true;
    }

    private static boolean exists(Connection c, String schema, String table, String index) throws SQLException {
        return unique(c, schema, table, index).isPresent();
    }

    @Override
    public Optional<IdxmigException> verdict(Connection c, String sql, SQLException failure, Duration lockTimeout) {
        if (retryable(failure)) {
            String why = failure.getErrorCode() == DEADLOCK ? "deadlock (chosen as its victim)" : "lock not acquired";
            return Optional.of(IdxmigException.lock(why + " within lock_wait_timeout "
                    + Durations.format(Duration.ofSeconds(seconds(lockTimeout))) + ": " + firstLine(sql)
                    + "; " + describeBlockers(c, sql), "end or wait out the sessions named, or raise --lock-timeout or --retries; "
                    + "the statement did not run, and the next run resumes from it"));
        }
        if (NOT_ONLINE.contains(failure.getErrorCode())) {
            return Optional.of(IdxmigException.operation("MariaDB cannot run this statement online: " + firstLine(sql)
                    + " — the server says: " + failure.getMessage(), "idxmig never lets an index statement copy "
                    + "the table or block its writes on its own; in a maintenance window, write the ALGORITHM or "
                    + "LOCK the server asks for and run with --allow-table-copy (a rollback that rebuilds a FULLTEXT or "
                    + "SPATIAL index takes --allow-table-copy and builds it with LOCK=SHARED; migrate --soft-drop "
                    + "only ignores an index, and the rollback of that is instant); the statement did not run, and "
                    + "the next run resumes from it", failure));
        }
        return Optional.empty();
    }

    @Override
    public boolean retryable(SQLException failure) {
        return failure.getErrorCode() == LOCK_WAIT_TIMEOUT || failure.getErrorCode() == DEADLOCK;
    }

    @Override
    public String blockers(Connection c, String sql) {
        return describeBlockers(c, sql);
    }

    /**
     * Who holds the metadata lock the statement waited for: performance_schema.metadata_locks names the holder
     * exactly where it is on; it is off on many servers, and then the sessions with an open InnoDB transaction
     * are named instead (a metadata lock lasts as long as the transaction that took it). See {@link LockHolders}.
     */
    static String describeBlockers(Connection c, String sql) {
        return LockHolders.describe(c, OnlineDdl.read(sql).map(OnlineDdl.Reading::table));
    }

    @Override
    public long session(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Build progress needs performance_schema with InnoDB's ALTER TABLE stages and their consumer on. */
    @Override
    public Optional<String> progressUnavailable(Connection observer) {
        PerformanceSchema ps = PerformanceSchema.of(observer);
        return ps.whyNot(ps.stages(), "InnoDB ALTER TABLE stage instruments (stage/innodb/alter table%) or "
                + "events_stages_current consumer");
    }

    @Override
    public Optional<Progress> progress(Connection observer, long session) throws SQLException {
        try (PreparedStatement ps = observer.prepareStatement(SqlResource.load("mariadb",
                "build_progress"))) {
            ps.setLong(1, session);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Progress(rs.getString("stage"), rs.getLong("work_completed"),
                        rs.getLong("work_estimated"))) : Optional.empty();
            }
        }
    }

    /** The statement's first line that is not a comment (Flyway hands the comments above it in with it). */
    static String firstLine(String sql) {
        String line = sql.strip().lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("--"))
                .findFirst().orElse(sql.strip());
        return line.length() > 100 ? line.substring(0, 100) + "..." : line;
    }
}
