package dev.idxmig.advise;

import dev.idxmig.db.PlanNode;
import dev.idxmig.db.QueryPlan;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a candidate is measured by: the planner's total cost where the database estimates one (PostgreSQL). SQLite
 * estimates none, so there the plan's shape stands in, for ranking only (reports show no cost for it): each table
 * read in full counts 1, each sort in a temporary B-tree 0.5, each index search {@code 1 / (1 + terms)} by the
 * number of its constrained columns ({@code (company_id=? AND started>?)}: 2), so a search on more columns of the
 * query ranks above one on fewer.
 */
final class PlanWork {
    private static final Pattern TERMS = Pattern.compile("\\(([^)]*)\\)\\s*$");

    private PlanWork() {
    }

    static double of(QueryPlan plan) {
        if (plan.totalCost().isPresent()) {
            return plan.totalCost().getAsDouble();
        }
        double work = 0;
        for (PlanNode n : plan.nodes()) {
            String label = n.label().toUpperCase(Locale.ROOT);
            if (n.access() == PlanNode.Access.FULL_SCAN) {
                work += 1;
            } else if (n.access() == PlanNode.Access.INDEX) {
                Matcher m = TERMS.matcher(n.label());
                int terms = m.find() ? m.group(1).split("\\bAND\\b").length : 0;
                work += 1.0 / (1 + terms) * (label.contains("COVERING") ? 0.9 : 1);
            } else if (label.contains("TEMP B-TREE")) {
                work += 0.5;
            }
        }
        return work;
    }
}
