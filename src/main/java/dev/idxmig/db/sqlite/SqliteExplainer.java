package dev.idxmig.db.sqlite;

import dev.idxmig.db.ExplainRequest;
import dev.idxmig.db.Explainer;
import dev.idxmig.db.PlanNode;
import dev.idxmig.db.QueryPlan;
import dev.idxmig.db.TableStatistics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQLite plans from {@code EXPLAIN QUERY PLAN}: rows of (id, parent, detail) built into a tree. The detail text is
 * all SQLite gives, and its wording changed across versions ({@code SCAN TABLE t} became {@code SCAN t}; an alias
 * replaces the table name), so it is matched tolerantly. SQLite reports no costs and no actual rows; an analyzed
 * request runs the statement and counts the bytecode instructions it executes (VM steps) instead.
 */
final class SqliteExplainer implements Explainer {
    /**
     * {@code SCAN t}, {@code SCAN TABLE t AS a}, {@code SEARCH t USING COVERING INDEX i (a=?)},
     * {@code SEARCH t USING INTEGER PRIMARY KEY (rowid=?)}, {@code SEARCH t USING AUTOMATIC COVERING INDEX (a=?)}.
     */
    private static final Pattern ACCESS = Pattern.compile(
            "^(SCAN|SEARCH)\\s+(?:TABLE\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?"
                    + "(?:\\s+USING\\s+(?:(AUTOMATIC\\s+(?:PARTIAL\\s+)?(?:COVERING\\s+)?INDEX)"
                    + "|(?:COVERING\\s+)?INDEX\\s+(\\S+)|(INTEGER\\s+PRIMARY\\s+KEY|PRIMARY\\s+KEY)))?.*$",
            Pattern.CASE_INSENSITIVE);
    /** Table aliases in FROM and JOIN clauses: newer SQLite prints the alias where older printed the table. */
    private static final Pattern ALIAS = Pattern.compile(
            "\\b(?:FROM|JOIN)\\s+[\"`\\[]?(\\w+)[\"`\\]]?\\s+(?:AS\\s+)?[\"`\\[]?(\\w+)[\"`\\]]?",
            Pattern.CASE_INSENSITIVE);
    private static final java.util.Set<String> NOT_ALIASES = java.util.Set.of("WHERE", "JOIN", "INNER", "LEFT",
            "RIGHT", "FULL", "CROSS", "NATURAL", "ON", "USING", "GROUP", "ORDER", "LIMIT", "UNION", "EXCEPT",
            "INTERSECT", "WINDOW", "HAVING", "INDEXED", "NOT", "OUTER");

    private final SqliteDialect dialect;

    SqliteExplainer(SqliteDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public CheckTransaction begin(Connection c, boolean allowWrites) throws SQLException {
        c.setAutoCommit(false);
        if (!allowWrites) {
            // query_only makes SQLite refuse any write on this connection: the closest it has to a read-only
            // transaction. Reset on close, since the connection goes back to the pool.
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA query_only = 1");
            }
        }
        return () -> {
            try {
                c.rollback();
            } finally {
                try (Statement st = c.createStatement()) {
                    st.execute("PRAGMA query_only = 0");
                }
                c.setAutoCommit(true);
            }
        };
    }

    @Override
    public boolean canDiscourageFullScans() {
        return false;
    }

    @Override
    public QueryPlan explain(Connection c, ExplainRequest request) throws SQLException {
        Map<Integer, Row> rows = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + request.sql())) {
            bind(ps, request.params());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getInt("id"), new Row(rs.getInt("id"), rs.getInt("parent"), rs.getString("detail")));
                }
            }
        }
        Map<String, String> aliases = aliases(request.sql());
        Map<String, Optional<String>> indexTables = new HashMap<>();
        List<PlanNode> top = children(c, 0, rows, aliases, indexTables);
        PlanNode root = top.size() == 1 ? top.get(0)
                : new PlanNode("QUERY PLAN", Optional.empty(), Optional.empty(), PlanNode.Access.OTHER, "QUERY PLAN",
                        OptionalDouble.empty(), OptionalDouble.empty(), OptionalLong.empty(), OptionalLong.empty(), top);
        OptionalLong steps = request.analyze() ? OptionalLong.of(vmSteps(c, request)) : OptionalLong.empty();
        return new QueryPlan(root, request.analyze(), OptionalDouble.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalDouble.empty(), steps);
    }

    /** Above this many VM steps the count is kept in whole thousands: counting each one costs more than the query. */
    static final long EXACT_UP_TO = 100_000;
    private static final int COARSE = 1000;

    /**
     * SQLite's own measure of the work a statement did: the VM instructions it executed with every row fetched
     * (what sqlite3_stmt_status's VM_STEP counts, which the driver does not expose), counted by a progress
     * handler. Counted per thousand first (a callback per instruction costs about ten times the query itself);
     * when that is under {@link #EXACT_UP_TO}, counted again exactly. Deterministic for the same data and plan.
     */
    private long vmSteps(Connection c, ExplainRequest request) throws SQLException {
        long thousands = progressCalls(c, request, COARSE);
        return thousands * COARSE < EXACT_UP_TO ? progressCalls(c, request, 1) : thousands * COARSE;
    }

    /** Runs the statement, fetching every row; how many times SQLite called the handler, every {@code period}. */
    private long progressCalls(Connection c, ExplainRequest request, int period) throws SQLException {
        long[] calls = {0};
        Connection sqlite = c.unwrap(org.sqlite.SQLiteConnection.class);
        org.sqlite.ProgressHandler.setHandler(sqlite, period, new org.sqlite.ProgressHandler() {
            @Override
            protected int progress() {
                calls[0]++;
                return 0;
            }
        });
        try (PreparedStatement ps = c.prepareStatement(request.sql())) {
            bind(ps, request.params());
            if (ps.execute()) {
                try (ResultSet rs = ps.getResultSet()) {
                    while (rs.next()) {
                        // every row, as the timed runs fetch them
                    }
                }
            }
        } finally {
            org.sqlite.ProgressHandler.clearHandler(sqlite);
        }
        return calls[0];
    }

    private record Row(int id, int parent, String detail) {
    }

    private List<PlanNode> children(Connection c, int parent, Map<Integer, Row> rows, Map<String, String> aliases,
                                    Map<String, Optional<String>> indexTables) throws SQLException {
        List<PlanNode> result = new ArrayList<>();
        for (Row row : rows.values()) {
            if (row.parent() == parent && row.id() != parent) {
                List<PlanNode> below = children(c, row.id(), rows, aliases, indexTables);
                Matcher m = ACCESS.matcher(row.detail().strip());
                if (m.matches() && m.group(5) != null && !indexTables.containsKey(m.group(5))) {
                    indexTables.put(m.group(5), indexTable(c, m.group(5)));
                }
                result.add(node(row.detail(), below, aliases,
                        index -> indexTables.getOrDefault(index, Optional.empty())));
            }
        }
        return result;
    }

    /**
     * One plan row as a node.
     *
     * @param indexTable the table an index belongs to, if the index exists
     */
    static PlanNode node(String detail, List<PlanNode> children, Map<String, String> aliases,
                         Function<String, Optional<String>> indexTable) {
        Matcher m = ACCESS.matcher(detail.strip());
        if (!m.matches()) {
            return plain(detail, children);
        }
        String operation = m.group(1).toUpperCase(Locale.ROOT);
        String shown = m.group(2);
        if (shown.equalsIgnoreCase("CONSTANT")) {
            return plain(detail, children);
        }
        Optional<String> index = Optional.ofNullable(m.group(5));
        // The table: from the index (exact), else the alias the query gave it, else the name as printed.
        Optional<String> table = index.flatMap(indexTable);
        if (table.isEmpty()) {
            table = Optional.of(aliases.getOrDefault(shown.toLowerCase(Locale.ROOT), shown));
        }
        PlanNode.Access access;
        if (m.group(4) != null) {
            // an AUTOMATIC index is built by SQLite for this query alone, by reading the whole table: not ours
            access = PlanNode.Access.FULL_SCAN;
        } else if (index.isPresent() || m.group(6) != null) {
            access = PlanNode.Access.INDEX;
        } else {
            access = operation.equals("SCAN") ? PlanNode.Access.FULL_SCAN : PlanNode.Access.OTHER;
        }
        return new PlanNode(operation, table, index, access, detail.strip(), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalLong.empty(), OptionalLong.empty(), children);
    }

    private static PlanNode plain(String detail, List<PlanNode> children) {
        String first = detail.strip().split("\\s+", 2)[0];
        return new PlanNode(first, Optional.empty(), Optional.empty(), PlanNode.Access.OTHER, detail.strip(),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalLong.empty(), OptionalLong.empty(), children);
    }

    private Optional<String> indexTable(Connection c, String index) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.sql("index_table"))) {
            ps.setString(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** alias (lower case) to table, read tolerantly from FROM and JOIN clauses. */
    static Map<String, String> aliases(String sql) {
        Map<String, String> aliases = new HashMap<>();
        Matcher m = ALIAS.matcher(sql);
        while (m.find()) {
            String alias = m.group(2);
            if (!NOT_ALIASES.contains(alias.toUpperCase(Locale.ROOT))) {
                aliases.put(alias.toLowerCase(Locale.ROOT), m.group(1));
            }
        }
        return aliases;
    }

    @Override
    public void analyze(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("ANALYZE " + dialect.quote(table));
        }
    }

    @Override
    public TableStatistics statistics(Connection c, String table) throws SQLException {
        long rows;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + dialect.quote(table))) {
            rs.next();
            rows = rs.getLong(1);
        }
        try (PreparedStatement ps = c.prepareStatement(dialect.sql("table_statistics"))) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new TableStatistics(table, "never analyzed", Optional.of(false));
                }
                long analyzedRows = Long.parseLong(rs.getString(1).split(" ")[0]);
                // SQLite keeps no date; the row count ANALYZE saw against today's tells whether it is current
                boolean fresh = Math.abs(rows - analyzedRows) <= 50 + rows / 10;
                return new TableStatistics(table, "analyzed at " + analyzedRows + " rows, " + rows + " now",
                        Optional.of(fresh));
            }
        } catch (SQLException noStatTable) {
            return new TableStatistics(table, "never analyzed", Optional.of(false));
        }
    }
}
