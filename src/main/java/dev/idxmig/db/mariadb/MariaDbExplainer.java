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
        try (PreparedStatement ps = c.prepareStatement((request.analyze() ? "ANALYZE" : "EXPLAIN")
                + " FORMAT=JSON " + request.sql())) {
            bind(ps, request.params());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                text = rs.getString(1);
            }
        }
        return plan(text, request.analyze());
    }

    /** A plan from MariaDB's JSON: pure, so the reading is tested without a server. */
    static QueryPlan plan(String json, boolean analyzed) {
        JsonNode root = JSON.readTree(json);
        List<PlanNode> nodes = nodes(root);
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
    private static List<PlanNode> nodes(JsonNode node) {
        List<PlanNode> found = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> found.addAll(nodes(n)));
        } else if (node.isObject()) {
            if (node.has("table_name")) {
                found.add(table(node));
            } else {
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    found.addAll(nodes(field.getValue()));
                }
            }
        }
        return found;
    }

    private static PlanNode table(JsonNode node) {
        String table = node.path("table_name").asString();
        String accessType = node.path("access_type").asString("");
        Optional<String> key = node.has("key") ? Optional.of(node.path("key").asString()) : Optional.empty();
        Optional<String> index = key.map(k -> IndexDefinitions.PRIMARY.equals(k) ? table + "." + k : k);
        PlanNode.Access access = accessType.equals("ALL") ? PlanNode.Access.FULL_SCAN
                : index.isPresent() ? PlanNode.Access.INDEX : PlanNode.Access.OTHER;
        List<PlanNode> children = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            children.addAll(nodes(field.getValue()));
        }
        OptionalDouble rows = node.has("rows") ? OptionalDouble.of(node.path("rows").asDouble())
                : OptionalDouble.empty();
        OptionalLong actual = node.has("r_rows") ? OptionalLong.of(Math.round(node.path("r_rows").asDouble()
                * Math.max(1, node.path("r_loops").asDouble(1)))) : OptionalLong.empty();
        String label = accessType + " on " + table + index.map(i -> " using " + i).orElse("");
        return new PlanNode(accessType, Optional.of(table), index, access, label, OptionalDouble.empty(), rows,
                actual, actual, children);
    }

    @Override
    public boolean canDiscourageFullScans() {
        return false;
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
