package dev.idxmig.db.mariadb;

import dev.idxmig.db.ExplainRequest;
import dev.idxmig.db.Explainer;
import dev.idxmig.db.PlanNode;
import dev.idxmig.db.QueryPlan;
import dev.idxmig.db.TableStatistics;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * MariaDB plans from {@code EXPLAIN FORMAT=JSON} ({@code ANALYZE FORMAT=JSON} when the request analyzes, which runs
 * the statement), in a read-only transaction that is always rolled back. Every object of the plan that names a table
 * is a node: {@code access_type} ALL reads the whole table; one with a {@code key} reads through that index. The
 * primary key, which MariaDB calls {@code PRIMARY} on every table, is named {@code table.PRIMARY} as in the catalog.
 * The "usable" plan is the plan of the statement with {@code FORCE INDEX} on each table ({@link IndexHints}).
 */
final class MariaDbExplainer implements Explainer {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private final MariaDbDialect dialect;
    private final String schema;

    MariaDbExplainer(MariaDbDialect dialect, String schema) {
        this.dialect = dialect;
        this.schema = schema;
    }

    @Override
    public CheckTransaction begin(Connection c, boolean allowWrites) throws SQLException {
        String database = c.getCatalog();
        if (!schema.equals(database)) {
            c.setCatalog(schema); // unqualified names resolve in the target database, as in its migrations
        }
        c.setAutoCommit(false);
        if (!allowWrites) {
            try (Statement st = c.createStatement()) {
                st.execute("SET TRANSACTION READ ONLY"); // the next transaction: the one the check starts
            }
        }
        return () -> {
            try {
                c.rollback();
            } finally {
                c.setAutoCommit(true);
                if (database != null && !schema.equals(database)) {
                    c.setCatalog(database);
                }
            }
        };
    }

    @Override
    public QueryPlan explain(Connection c, ExplainRequest request) throws SQLException {
        String text;
        String sql = request.discourageFullScans() ? forced(c, request.sql()) : request.sql();
        try (PreparedStatement ps = c.prepareStatement((request.analyze() ? "ANALYZE" : "EXPLAIN")
                + " FORMAT=JSON " + sql)) {
            bind(ps, request.params());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                text = rs.getString(1);
            }
        }
        return plan(text, request.analyze(), IndexHints.aliases(request.sql()));
    }

    /** A plan from MariaDB's JSON: pure, so the reading is tested without a server. */
    static QueryPlan plan(String json, boolean analyzed) {
        return plan(json, analyzed, Map.of());
    }

    /**
     * A plan from MariaDB's JSON, where a table is named by its alias: {@code aliases} gives the table each stands
     * for, so that {@code no_full_scan: [tasks]} holds for {@code FROM tasks t} too.
     */
    static QueryPlan plan(String json, boolean analyzed, Map<String, String> aliases) {
        JsonNode root = JSON.readTree(json);
        List<PlanNode> nodes = nodes(root, aliases);
        OptionalDouble time = root.path("query_block").has("r_total_time_ms")
                ? OptionalDouble.of(root.path("query_block").path("r_total_time_ms").asDouble())
                : OptionalDouble.empty();
        OptionalDouble cost = root.path("query_block").has("cost")
                ? OptionalDouble.of(root.path("query_block").path("cost").asDouble()) : OptionalDouble.empty();
        PlanNode top = new PlanNode("query_block", Optional.empty(), Optional.empty(), PlanNode.Access.OTHER,
                "query_block", cost, OptionalDouble.empty(), OptionalLong.empty(), OptionalLong.empty(), nodes);
        OptionalLong examined = analyzed ? OptionalLong.of(nodes.stream().flatMap(n -> n.flatten().stream())
                .mapToLong(n -> n.rowsExamined().orElse(0)).sum()) : OptionalLong.empty();
        return new QueryPlan(top, analyzed, cost, examined, OptionalLong.empty(), OptionalLong.empty(), time,
                OptionalLong.empty());
    }

    /** The table accesses under a JSON node, each with those nested in it. */
    private static List<PlanNode> nodes(JsonNode node, Map<String, String> aliases) {
        List<PlanNode> found = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> found.addAll(nodes(n, aliases)));
        } else if (node.isObject()) {
            if (node.has("table_name")) {
                found.add(table(node, aliases));
            } else {
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    found.addAll(nodes(field.getValue(), aliases));
                }
            }
        }
        return found;
    }

    private static PlanNode table(JsonNode node, Map<String, String> aliases) {
        String named = node.path("table_name").asString();
        String table = aliases.getOrDefault(named, named);
        String accessType = node.path("access_type").asString("");
        Optional<String> key = node.has("key") ? Optional.of(node.path("key").asString()) : Optional.empty();
        Optional<String> index = key.map(k -> IndexDefinitions.PRIMARY.equals(k) ? table + "." + k : k);
        PlanNode.Access access = accessType.equals("ALL") ? PlanNode.Access.FULL_SCAN
                : index.isPresent() ? PlanNode.Access.INDEX : PlanNode.Access.OTHER;
        List<PlanNode> children = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            children.addAll(nodes(field.getValue(), aliases));
        }
        OptionalDouble rows = node.has("rows") ? OptionalDouble.of(node.path("rows").asDouble())
                : OptionalDouble.empty();
        OptionalLong actual = node.has("r_rows") ? OptionalLong.of(Math.round(node.path("r_rows").asDouble()
                * Math.max(1, node.path("r_loops").asDouble(1)))) : OptionalLong.empty();
        String label = accessType + " on " + table + (table.equals(named) ? "" : " " + named) + index.map(i -> " using " + i).orElse("");
        return new PlanNode(accessType, Optional.of(table), index, access, label, OptionalDouble.empty(), rows,
                actual, actual, children);
    }

    /** The statement with FORCE INDEX (every index not IGNORED) on each table it reads: see {@link IndexHints}. */
    private String forced(Connection c, String sql) throws SQLException {
        Map<IndexHints.TableRef, List<String>> indexes = new HashMap<>();
        for (IndexHints.TableRef table : IndexHints.tables(sql)) {
            indexes.put(table, indexNames(c, table.database().orElse(schema), table.table()));
        }
        return IndexHints.forceIndexes(sql, indexes).orElse(sql);
    }

    private List<String> indexNames(Connection c, String database, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(dialect.sql("table_index_names"))) {
            ps.setString(1, database);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString("index_name"));
                }
            }
        }
        return names;
    }

    @Override
    public boolean canDiscourageFullScans() {
        return true;
    }

    @Override
    public boolean canDiscourageFullScans(String sql) {
        return IndexHints.applies(sql);
    }

    @Override
    public String fullScansDiscouraged() {
        return "FORCE INDEX on each table";
    }

    @Override
    public void analyze(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("ANALYZE TABLE " + dialect.qualify(schema, table));
        }
    }

    @Override
    public TableStatistics statistics(Connection c, String table) {
        return new TableStatistics(table, "InnoDB's persistent statistics; idxmig does not read their age on "
                + "MariaDB yet", Optional.empty());
    }
}
