package dev.idxmig.plan;

import dev.idxmig.db.PlanNode;
import dev.idxmig.db.QueryPlan;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What plan-check is to assume beyond the live catalog: indexes pending migrations would create (hypothetical,
 * perhaps under another name in the plans), and indexes they would drop. {@link #NONE} for the live catalog alone.
 *
 * @param label         how the indexes were made, for the report ("HypoPG 1.3.1", "schema and statistics copy")
 * @param planNames     the name a hypothetical index has in plans, mapped to the name its migration gives it
 * @param created       indexes pending migrations create: they count as existing
 * @param dropped       indexes pending migrations drop, mapped to where ({@code V6__x.sql:3})
 * @param hidden        of the dropped ones, those the planner no longer sees
 * @param notCheckable  indexes that could not be made hypothetically, mapped to why
 * @param rowless       the plans come from a copy with the target's statistics but no rows: its row counts are
 *                      not the target's, so statistics are not judged fresh or stale there
 */
public record Hypothesis(String label, Map<String, String> planNames, Set<String> created, Map<String, String> dropped,
                         Set<String> hidden, Map<String, String> notCheckable, boolean rowless) {

    public static final Hypothesis NONE = new Hypothesis("", Map.of(), Set.of(), Map.of(), Set.of(), Map.of(), false);

    public Hypothesis {
        planNames = Map.copyOf(planNames);
        created = Set.copyOf(created);
        dropped = Map.copyOf(dropped);
        hidden = Set.copyOf(hidden);
        notCheckable = Map.copyOf(notCheckable);
    }

    public boolean active() {
        return !label.isEmpty();
    }

    /** The plan with hypothetical indexes called by their migrations' names. */
    QueryPlan rename(QueryPlan plan) {
        if (planNames.isEmpty()) {
            return plan;
        }
        return new QueryPlan(rename(plan.root()), plan.analyzed(), plan.totalCost(), plan.rowsExamined(),
                plan.buffersHit(), plan.buffersRead(), plan.executionMs(), plan.vmSteps());
    }

    private PlanNode rename(PlanNode node) {
        Optional<String> index = node.index().map(i -> planNames.getOrDefault(i, i));
        String label = node.label();
        for (Map.Entry<String, String> e : planNames.entrySet()) {
            label = label.replace("\"" + e.getKey() + "\"", e.getValue() + " (hypothetical)")
                    .replace(e.getKey(), e.getValue() + " (hypothetical)");
        }
        List<PlanNode> children = node.children().stream().map(this::rename).toList();
        return new PlanNode(node.operation(), node.table(), index, node.access(), label, node.totalCost(),
                node.estimatedRows(), node.actualRows(), node.rowsExamined(), children);
    }
}
