package dev.idxmig.db.postgres;

import dev.idxmig.db.ExplainRequest;
import dev.idxmig.db.Explainer;
import dev.idxmig.db.PlanNode;
import dev.idxmig.db.QueryPlan;
import dev.idxmig.db.TableStatistics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * PostgreSQL plans from {@code EXPLAIN (FORMAT JSON)}: the JSON form names every node's type, relation and index,
 * so nothing depends on the wording of the text form.
 */
final class PostgresExplainer implements Explainer {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger GENERIC = new AtomicInteger();

    private final PostgresDialect dialect;
    private final String schema;

    PostgresExplainer(PostgresDialect dialect, String schema) {
        this.dialect = dialect;
        this.schema = schema;
    }

    @Override
    public CheckTransaction begin(Connection c, boolean allowWrites) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            if (!allowWrites) {
                st.execute("SET TRANSACTION READ ONLY"); // must come first in the transaction
            }
            // Unqualified names in the checks resolve in the target schema, as they do for the migrations.
            st.execute("SET LOCAL search_path = " + dialect.quote(schema) + ", public");
        }
        return () -> {
            try {
                c.rollback();
            } finally {
                c.setAutoCommit(true);
            }
        };
    }

    @Override
    public void pinPlan(Connection c, PreparedStatement ps, boolean generic) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL plan_cache_mode = " + (generic ? "force_generic_plan" : "force_custom_plan"));
        }
        if (generic) {
            // A generic plan exists only for a named server-side statement; pgjdbc names one from the first run
            // with a threshold of 1 (its default, 5, would run the first four unnamed, with custom plans).
            ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(1);
        }
    }

    @Override
    public boolean canDiscourageFullScans() {
        return true;
    }

    @Override
    public QueryPlan explain(Connection c, ExplainRequest request) throws SQLException {
        String options = request.analyze() ? "(ANALYZE, BUFFERS, FORMAT JSON) " : "(FORMAT JSON) ";
        try (Statement st = c.createStatement()) {
            // SET LOCAL: the setting ends with the check's transaction, which is always rolled back.
            st.execute("SET LOCAL enable_seqscan = " + (request.discourageFullScans() ? "off" : "on"));
            st.execute("SET LOCAL plan_cache_mode = "
                    + (request.genericPlan() ? "force_generic_plan" : "auto"));
        }
        String json = request.genericPlan() ? explainGeneric(c, options, request) : explainBound(c, options, request);
        return parse(json);
    }

    /** Parameters bound through the extended protocol: the planner sees their values (a custom plan). */
    private String explainBound(Connection c, String options, ExplainRequest request) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + options + request.sql())) {
            bind(ps, request.params());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /**
     * A generic plan, the one a prepared statement falls back to: PREPARE, then EXPLAIN EXECUTE under
     * {@code plan_cache_mode = force_generic_plan} (PostgreSQL 15 has no EXPLAIN (GENERIC_PLAN)).
     */
    private String explainGeneric(Connection c, String options, ExplainRequest request) throws SQLException {
        String name = "idxmig_generic_" + GENERIC.incrementAndGet();
        try (Statement st = c.createStatement()) {
            st.execute("PREPARE " + name + " AS " + numberedPlaceholders(request.sql()));
            try {
                StringBuilder args = new StringBuilder();
                for (Object p : request.params()) {
                    args.append(args.length() == 0 ? "" : ", ").append(literal(p));
                }
                String execute = "EXPLAIN " + options + "EXECUTE " + name
                        + (request.params().isEmpty() ? "" : "(" + args + ")");
                try (ResultSet rs = st.executeQuery(execute)) {
                    rs.next();
                    return rs.getString(1);
                }
            } finally {
                deallocate(st, name);
            }
        }
    }

    private static void deallocate(Statement st, String name) {
        try {
            st.execute("DEALLOCATE " + name);
        } catch (SQLException abortedTransaction) {
            // the statement failed and aborted the transaction; the prepared statement ends with the session
        }
    }

    /** {@code ?} placeholders as {@code $1, $2, ...}, leaving quoted text and identifiers alone. */
    static String numberedPlaceholders(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 8);
        int n = 0;
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char ch = sql.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
                out.append(ch);
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
                out.append(ch);
            } else if (ch == '?') {
                out.append('$').append(++n);
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    private static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        // an untyped literal takes the parameter's type, as a bound text value does
        return "'" + value.toString().replace("'", "''") + "'";
    }

    @Override
    public void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof String) {
                // Types.OTHER sends the text untyped: the server infers the column's type (a timestamp, a date)
                // instead of failing with "operator does not exist: timestamp >= character varying".
                ps.setObject(i + 1, p, Types.OTHER);
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    @Override
    public void analyze(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("ANALYZE " + dialect.qualify(schema, table));
        }
    }

    @Override
    public TableStatistics statistics(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.sql("table_statistics"))) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new TableStatistics(table, "no statistics", Optional.empty());
                }
                Timestamp analyzed = rs.getTimestamp("analyzed_at");
                long plannerRows = rs.getLong("planner_rows");
                long rows = rs.getLong("live_rows");
                if (analyzed == null) {
                    return new TableStatistics(table, "never analyzed", Optional.of(false));
                }
                // Judged on row counts, not n_mod_since_analyze: a script that loads and analyzes in one
                // transaction has its inserts counted after its ANALYZE, and would always look stale.
                // The 10% (plus 50 rows) margin is autovacuum's own default analyze threshold.
                boolean fresh = Math.abs(rows - plannerRows) <= 50 + rows / 10;
                return new TableStatistics(table, "analyzed " + analyzed.toInstant().truncatedTo(
                        java.time.temporal.ChronoUnit.SECONDS) + " at " + plannerRows + " rows, " + rows
                        + " live now", Optional.of(fresh));
            }
        }
    }

    static QueryPlan parse(String json) {
        JsonNode top = JSON.readTree(json).get(0);
        JsonNode plan = top.get("Plan");
        PlanNode root = node(plan, Optional.empty());
        boolean analyzed = top.has("Execution Time");
        OptionalLong examined = analyzed
                ? OptionalLong.of(root.flatten().stream().mapToLong(n -> n.rowsExamined().orElse(0)).sum())
                : OptionalLong.empty();
        return new QueryPlan(root, analyzed, number(plan, "Total Cost"), examined,
                whole(plan, "Shared Hit Blocks"), whole(plan, "Shared Read Blocks"), number(top, "Execution Time"),
                OptionalLong.empty());
    }

    /** @param heapTable the table of the nearest Bitmap Heap Scan above, which a Bitmap Index Scan reads for */
    private static PlanNode node(JsonNode n, Optional<String> heapTable) {
        String type = n.get("Node Type").asString();
        Optional<String> relation = text(n, "Relation Name");
        Optional<String> index = text(n, "Index Name");
        Optional<String> alias = text(n, "Alias").filter(a -> relation.map(r -> !r.equals(a)).orElse(false));
        PlanNode.Access access;
        switch (type) {
            case "Seq Scan":
                access = PlanNode.Access.FULL_SCAN;
                break;
            case "Index Scan":
            case "Index Only Scan":
            case "Bitmap Index Scan":
                access = PlanNode.Access.INDEX;
                break;
            default:
                access = PlanNode.Access.OTHER;
        }
        Optional<String> table = relation.isPresent() ? relation
                : type.equals("Bitmap Index Scan") ? heapTable : Optional.empty();
        Optional<String> below = type.equals("Bitmap Heap Scan") ? relation : heapTable;
        List<PlanNode> children = new ArrayList<>();
        if (n.has("Plans")) {
            for (JsonNode child : n.get("Plans")) {
                children.add(node(child, below));
            }
        }
        String label = (n.path("Parallel Aware").asBoolean(false) ? "Parallel " : "") + type
                + text(n, "Join Type").map(j -> " (" + j + ")").orElse("")
                + index.map(i -> (type.equals("Bitmap Index Scan") ? " on " : " using ") + i).orElse("")
                + relation.map(r -> " on " + r + alias.map(a -> " " + a).orElse("")).orElse("")
                + text(n, "Index Cond").map(c -> "  cond " + c).orElse("")
                + text(n, "Filter").map(f -> "  filter " + f).orElse("");
        OptionalLong loops = whole(n, "Actual Loops");
        OptionalLong actual = whole(n, "Actual Rows");
        OptionalLong actualTotal = actual.isPresent()
                ? OptionalLong.of(actual.getAsLong() * loops.orElse(1)) : OptionalLong.empty();
        OptionalLong examined = OptionalLong.empty();
        if (actual.isPresent() && relation.isPresent()) {
            // rows the node read from its table: those it returned plus those its filter and recheck threw away
            long perLoop = actual.getAsLong() + whole(n, "Rows Removed by Filter").orElse(0)
                    + whole(n, "Rows Removed by Index Recheck").orElse(0);
            examined = OptionalLong.of(perLoop * loops.orElse(1));
        }
        return new PlanNode(type, table, index, access, label, number(n, "Total Cost"), number(n, "Plan Rows"),
                actualTotal, examined, children, details(n));
    }

    /** The fields advise reads candidates from; a list (Sort Key) joined with ", ". */
    private static java.util.Map<String, String> details(JsonNode n) {
        java.util.Map<String, String> details = new java.util.LinkedHashMap<>();
        for (String field : DETAILS) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                continue;
            }
            if (v.isArray()) {
                List<String> parts = new ArrayList<>();
                v.forEach(e -> parts.add(e.asString()));
                details.put(field, String.join(", ", parts));
            } else {
                details.put(field, v.asString());
            }
        }
        return details;
    }

    private static final List<String> DETAILS = List.of("Alias", "Filter", "Index Cond", "Recheck Cond",
            "Sort Key", "Hash Cond", "Merge Cond", "Join Filter", "Group Key");

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asString());
    }

    private static OptionalDouble number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? OptionalDouble.empty() : OptionalDouble.of(v.asDouble());
    }

    private static OptionalLong whole(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? OptionalLong.empty() : OptionalLong.of(v.asLong());
    }
}
