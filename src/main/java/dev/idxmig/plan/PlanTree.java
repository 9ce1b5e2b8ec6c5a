package dev.idxmig.plan;

import dev.idxmig.db.PlanNode;
import dev.idxmig.db.QueryPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plan as a few readable lines, like EXPLAIN's text form, with the nodes that read an index or scan a whole
 * table marked at the end of their line so a reviewer finds them at a glance.
 */
public final class PlanTree {
    public static final String INDEX_MARK = "<- index";
    public static final String FULL_SCAN_MARK = "<- FULL SCAN";

    private PlanTree() {
    }

    public static List<String> lines(QueryPlan plan) {
        List<String> lines = new ArrayList<>();
        render(plan.root(), 0, lines);
        return lines;
    }

    /** Only the lines that read a table, for a short before/after comparison. */
    public static List<String> accessLines(QueryPlan plan) {
        List<String> lines = new ArrayList<>();
        for (PlanNode n : plan.nodes()) {
            if (n.access() != PlanNode.Access.OTHER) {
                lines.add(line(n));
            }
        }
        return lines;
    }

    private static void render(PlanNode node, int depth, List<String> lines) {
        lines.add("  ".repeat(depth) + (depth == 0 ? "" : "-> ") + line(node));
        for (PlanNode child : node.children()) {
            render(child, depth + 1, lines);
        }
    }

    private static String line(PlanNode n) {
        StringBuilder b = new StringBuilder(n.label());
        List<String> numbers = new ArrayList<>();
        n.totalCost().ifPresent(c -> numbers.add(String.format(Locale.ROOT, "cost %.2f", c)));
        n.estimatedRows().ifPresent(r -> numbers.add(String.format(Locale.ROOT, "rows %.0f", r)));
        n.actualRows().ifPresent(r -> numbers.add("actual rows " + r));
        if (!numbers.isEmpty()) {
            b.append("  (").append(String.join(", ", numbers)).append(')');
        }
        if (n.access() == PlanNode.Access.INDEX) {
            b.append("  ").append(INDEX_MARK);
        } else if (n.access() == PlanNode.Access.FULL_SCAN) {
            b.append("  ").append(FULL_SCAN_MARK);
        }
        return b.toString();
    }
}
