package dev.idxmig.advise;

import dev.idxmig.db.PlanNode;
import dev.idxmig.db.QueryPlan;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Candidates from plan trees whose details are copied from PostgreSQL 15's EXPLAIN (FORMAT JSON). */
@Tag("unit")
class CandidateExtractionTest {
    private static final Map<String, Set<String>> COLUMNS = Map.of(
            "orders", Set.of("id", "customer_id", "status", "placed_at", "total", "note", "email", "deleted_at"),
            "customers", Set.of("id", "name", "region"));

    private static PlanNode node(String type, List<PlanNode> children, String... details) {
        Map<String, String> d = new LinkedHashMap<>();
        for (int i = 0; i < details.length; i += 2) {
            d.put(details[i], details[i + 1]);
        }
        Optional<String> table = Optional.ofNullable(d.remove("Relation Name"));
        PlanNode.Access access = type.equals("Seq Scan") ? PlanNode.Access.FULL_SCAN
                : type.startsWith("Index") ? PlanNode.Access.INDEX : PlanNode.Access.OTHER;
        return new PlanNode(type, table, Optional.empty(), access, type, OptionalDouble.of(100), OptionalDouble.of(1),
                OptionalLong.empty(), OptionalLong.empty(), children, d);
    }

    private static QueryPlan plan(PlanNode root) {
        return new QueryPlan(root, false, root.totalCost(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalDouble.empty(), OptionalLong.empty());
    }

    private static List<String> tails(QueryPlan plan, String sql, boolean include) {
        return CandidateExtraction.from(plan, sql, new CandidateExtraction.Tables(COLUMNS, Map.of("orders",
                Set.of("status")), include)).stream().map(Candidate::definitionTail).toList();
    }

    @Test
    void equalityThenRangeInTheSortsDirection() {
        PlanNode scan = node("Seq Scan", List.of(), "Relation Name", "orders", "Alias", "orders", "Filter",
                "((placed_at >= '2024-03-01 00:00:00'::timestamp without time zone) AND (placed_at < "
                        + "'2024-06-01 00:00:00'::timestamp without time zone) AND (customer_id = 42))");
        QueryPlan plan = plan(node("Gather Merge", List.of(node("Sort", List.of(scan), "Sort Key", "placed_at DESC"))));
        assertEquals(List.of("orders (customer_id, placed_at DESC)"),
                tails(plan, "SELECT * FROM orders WHERE customer_id = 42 AND placed_at >= '2024-03-01' "
                        + "AND placed_at < '2024-06-01' ORDER BY placed_at DESC", true));
    }

    @Test
    void aHotStatusGivesAPartialIndexBesideThePlainOne() {
        PlanNode scan = node("Seq Scan", List.of(), "Relation Name", "orders", "Alias", "orders", "Filter",
                "((status = 'open'::text) AND (customer_id = 7))");
        QueryPlan plan = plan(node("Limit", List.of(node("Sort", List.of(node("Gather", List.of(scan))),
                "Sort Key", "placed_at"))));
        List<String> found = tails(plan, "SELECT * FROM orders WHERE status = 'open' AND customer_id = 7 "
                + "ORDER BY placed_at LIMIT 20", true);
        assertEquals(List.of("orders (status, customer_id, placed_at)",
                "orders (customer_id, placed_at) WHERE status = 'open'"), found);
    }

    @Test
    void aRangeWithOtherOutputColumnsGivesACoveringIndex() {
        PlanNode scan = node("Seq Scan", List.of(), "Relation Name", "orders", "Alias", "orders", "Filter",
                "((placed_at >= '2024-05-01 00:00:00'::timestamp without time zone) AND (placed_at < "
                        + "'2024-05-03 00:00:00'::timestamp without time zone))");
        QueryPlan plan = plan(node("Aggregate", List.of(node("Sort", List.of(scan), "Sort Key", "customer_id")),
                "Group Key", "customer_id"));
        String sql = "SELECT customer_id, sum(total) FROM orders WHERE placed_at >= '2024-05-01' "
                + "AND placed_at < '2024-05-03' GROUP BY customer_id";
        assertEquals(List.of("orders (placed_at)", "orders (placed_at) INCLUDE (customer_id, total)"),
                tails(plan, sql, true));
        assertEquals(List.of("orders (placed_at)"), tails(plan, sql, false), "no INCLUDE where the database has none");
    }

    @Test
    void expressionsAreKeptWholeAndJoinAliasesResolved() {
        PlanNode orders = node("Seq Scan", List.of(), "Relation Name", "orders", "Alias", "o", "Filter",
                "(lower(email) = 'user7@example.com'::text)");
        PlanNode customers = node("Seq Scan", List.of(), "Relation Name", "customers", "Alias", "c", "Filter",
                "(region = 'eu'::text)");
        QueryPlan plan = plan(node("Hash Join", List.of(orders, node("Hash", List.of(customers))),
                "Hash Cond", "(o.customer_id = c.id)"));
        List<String> found = tails(plan, "SELECT o.id FROM orders o JOIN customers c ON c.id = o.customer_id "
                + "WHERE c.region = 'eu' AND lower(o.email) = 'user7@example.com'", false);
        assertTrue(found.contains("orders ((lower(email)))"), found.toString());
        assertTrue(found.contains("customers (region)"), found.toString());
        assertTrue(found.contains("orders (customer_id)"), "the join key of the scanned side: " + found);
    }

    @Test
    void aStringConstantOnAColumnOfManyValuesGivesNoPartialIndex() {
        PlanNode scan = node("Seq Scan", List.of(), "Relation Name", "orders", "Alias", "orders", "Filter",
                "((email = 'a@example.com'::text) AND (customer_id = 7))");
        assertEquals(List.of("orders (email, customer_id)"),
                tails(plan(scan), "SELECT * FROM orders WHERE email = 'a@example.com' AND customer_id = 7", false));
    }

    @Test
    void aNestedLoopsJoinFilterGivesTheScannedSidesKey() {
        PlanNode customers = node("Index Scan", List.of(), "Relation Name", "customers", "Alias", "c",
                "Index Cond", "(id = 7)");
        PlanNode orders = node("Seq Scan", List.of(), "Relation Name", "orders", "Alias", "o");
        QueryPlan plan = plan(node("Nested Loop", List.of(customers, orders), "Join Filter",
                "(c.id = o.customer_id)"));
        assertTrue(tails(plan, "SELECT o.id FROM customers c JOIN orders o ON o.customer_id = c.id WHERE c.id = 7",
                false).contains("orders (customer_id)"));
    }

    @Test
    void nullAndBooleanTestsBecomePredicates() {
        PlanNode scan = node("Seq Scan", List.of(), "Relation Name", "orders", "Alias", "orders", "Filter",
                "((deleted_at IS NULL) AND (customer_id = $1))");
        assertEquals(List.of("orders (deleted_at, customer_id)", "orders (customer_id) WHERE deleted_at IS NULL"),
                tails(plan(scan), "SELECT * FROM orders WHERE deleted_at IS NULL AND customer_id = $1", true));
    }

    @Test
    void aComparisonWithAnExpressionOfNoColumnIsARange() {
        PlanNode scan = node("Seq Scan", List.of(), "Relation Name", "orders", "Alias", "orders", "Filter",
                "((customer_id = 7) AND (placed_at > (now() - '1 day'::interval)))");
        assertEquals(List.of("orders (customer_id, placed_at)"), tails(plan(scan),
                "SELECT * FROM orders WHERE customer_id = 7 AND placed_at > now() - interval '1 day'", false));
        PlanNode or = node("Seq Scan", List.of(), "Relation Name", "orders", "Alias", "orders", "Filter",
                "((customer_id = 7) OR (status = 'x'::text))");
        assertEquals(List.of(), tails(plan(or), "SELECT * FROM orders WHERE customer_id = 7 OR status = 'x'",
                false), "an OR is not a conjunction of conditions an index serves together");
    }

    @Test
    void anInListIsAnEqualityButNoPartialIndex() {
        PlanNode scan = node("Seq Scan", List.of(), "Relation Name", "orders", "Alias", "orders", "Filter",
                "((status = ANY ('{open,pending}'::text[])) AND (customer_id = 7))");
        assertEquals(List.of("orders (status, customer_id)"), tails(plan(scan),
                "SELECT * FROM orders WHERE status IN ('open', 'pending') AND customer_id = 7", false));
    }

    @Test
    void aPlanWithoutDetailsTakesTheConditionsFromTheQuery() {
        // SQLite: SCAN orders and a temporary B-tree for the ORDER BY, nothing about the filter
        PlanNode scan = new PlanNode("SCAN", Optional.of("orders"), Optional.empty(), PlanNode.Access.FULL_SCAN,
                "SCAN o", OptionalDouble.empty(), OptionalDouble.empty(), OptionalLong.empty(), OptionalLong.empty(),
                List.of());
        PlanNode sort = new PlanNode("USE", Optional.empty(), Optional.empty(), PlanNode.Access.OTHER,
                "USE TEMP B-TREE FOR ORDER BY", OptionalDouble.empty(), OptionalDouble.empty(), OptionalLong.empty(),
                OptionalLong.empty(), List.of());
        PlanNode root = new PlanNode("QUERY PLAN", Optional.empty(), Optional.empty(), PlanNode.Access.OTHER,
                "QUERY PLAN", OptionalDouble.empty(), OptionalDouble.empty(), OptionalLong.empty(), OptionalLong.empty(),
                List.of(scan, sort));
        String sql = "SELECT o.id FROM orders o WHERE o.customer_id = ? AND o.placed_at >= '2025-01-01' "
                + "AND (SELECT 1) = 1 ORDER BY o.placed_at DESC LIMIT 20";
        assertEquals(List.of("orders (customer_id, placed_at DESC)"), tails(plan(root), sql, false));
    }

    @Test
    void mixedCaseNamesStayQuoted() {
        // as Prisma or Entity Framework name them; the details as PostgreSQL 15 prints them
        PlanNode scan = new PlanNode("Seq Scan", Optional.of("Orders"), Optional.empty(), PlanNode.Access.FULL_SCAN,
                "Seq Scan", OptionalDouble.of(1), OptionalDouble.of(1), OptionalLong.empty(), OptionalLong.empty(),
                List.of(), Map.of("Alias", "o", "Filter", "((\"CustomerId\" = 4) AND (\"Status\" = 'open'::text))"));
        PlanNode sort = new PlanNode("Sort", Optional.empty(), Optional.empty(), PlanNode.Access.OTHER, "Sort",
                OptionalDouble.of(1), OptionalDouble.of(1), OptionalLong.empty(), OptionalLong.empty(), List.of(scan),
                Map.of("Sort Key", "\"CreatedAt\" DESC"));
        List<String> found = CandidateExtraction.from(plan(sort), "SELECT \"Id\" FROM \"Orders\" o WHERE "
                        + "o.\"CustomerId\" = 4 AND \"Status\" = 'open' ORDER BY \"CreatedAt\" DESC",
                new CandidateExtraction.Tables(Map.of("orders", Set.of("id", "customerid", "status", "createdat")),
                        Map.of("orders", Set.of("status")), true))
                .stream().map(Candidate::createIndex).toList();
        assertEquals("CREATE INDEX idx_orders_customerid_status_createdat ON \"Orders\" (\"CustomerId\", "
                + "\"Status\", \"CreatedAt\" DESC)", found.get(0));
        assertTrue(found.contains("CREATE INDEX idx_orders_customerid_createdat_where_status_open ON \"Orders\" "
                + "(\"CustomerId\", \"CreatedAt\" DESC) WHERE \"Status\" = 'open'"), found.toString());
        assertTrue(found.contains("CREATE INDEX idx_orders_customerid_status_createdat_incl ON \"Orders\" "
                + "(\"CustomerId\", \"Status\", \"CreatedAt\" DESC) INCLUDE (\"Id\")"), found.toString());
    }

    @Test
    void anIndexScanWithoutAFilterLeftGivesNothing() {
        PlanNode scan = node("Index Scan", List.of(), "Relation Name", "orders", "Alias", "orders", "Index Cond",
                "(customer_id = 42)");
        assertEquals(List.of(), tails(plan(scan), "SELECT * FROM orders WHERE customer_id = 42", true));
    }

    @Test
    void unknownTablesAndUnreadableConditionsGiveNothing() {
        PlanNode scan = node("Seq Scan", List.of(), "Relation Name", "ghosts", "Filter", "(a = 1)");
        assertEquals(List.of(), tails(plan(scan), "SELECT * FROM ghosts WHERE a = 1", true));
        PlanNode like = node("Seq Scan", List.of(), "Relation Name", "orders", "Filter", "(note ~~ '%x%'::text)");
        assertEquals(List.of(), tails(plan(like), "SELECT * FROM orders WHERE note LIKE '%x%'", true));
    }

    @Test
    void namesFollowTheKeysAndThePredicate() {
        Candidate c = new Candidate("orders", List.of("customer_id", "placed_at DESC"), 1, List.of(),
                Optional.of("status = 'open'"), "partial");
        assertEquals("idx_orders_customer_id_placed_at_where_status_open", c.name());
        assertEquals("CREATE INDEX idx_orders_customer_id_placed_at_where_status_open ON orders (customer_id, "
                + "placed_at DESC) WHERE status = 'open'", c.createIndex());
    }
}
