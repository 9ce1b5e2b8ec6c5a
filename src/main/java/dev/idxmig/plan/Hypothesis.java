package dev.idxmig.plan;

import dev.idxmig.db.PlanNode;
import dev.idxmig.db.QueryPlan;
import dev.idxmig.script.IndexDefinition;
import dev.idxmig.script.SqlStatement;
import dev.idxmig.script.StatementReader;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What plan-check is to assume beyond the live catalog: indexes pending migrations would create (hypothetical,
 * perhaps under another name in the plans), and indexes they would drop. {@link #NONE} for the live catalog alone.
 *
 * @param label         how the indexes were made, for the report ("HypoPG 1.3.1", "schema and statistics copy")
 * @param planNames     the name a hypothetical index has in plans, mapped to the name its migration gives it
 * @param created       indexes pending migrations create: they count as existing
 * @param dropped       indexes pending migrations drop, mapped to where ({@code V6__x.sql:3})
 * @param hidden        of the dropped ones, those the planner no longer sees
 * @param notCheckable  indexes that could not be made hypothetically (HypoPG 1.3.1: GIN, GiST), mapped to where and
 *                      why: a check that depends on one is skipped, never judged (see {@link Dependency})
 * @param rowless       the plans come from a copy with the target's statistics but no rows: its row counts are
 *                      not the target's, so statistics are not judged fresh or stale there
 */
public record Hypothesis(String label, Map<String, String> planNames, Set<String> created, Map<String, String> dropped,
                         Set<String> hidden, Map<String, Unmodelled> notCheckable, boolean rowless) {

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

    /**
     * A pending index the hypothesis could not make.
     *
     * @param where      the script and line ({@code V5__x.sql:3})
     * @param statement  the CREATE INDEX statement, to find its table
     * @param reason     why, in the extension's or database's words ("HypoPG 1.3.1 cannot model a gin index")
     */
    public record Unmodelled(String where, String statement, String reason) {
        /** The table the index is on, unqualified and folded as plans name it; empty when the reader cannot say. */
        Optional<String> table() {
            return StatementReader.read(new SqlStatement(statement, 1, 1)).index().map(IndexDefinition::table)
                    .map(t -> t.substring(t.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
        }
    }

    /**
     * A pending index a check depends on that could not be made: named by the check (uses_index, not_uses_index),
     * or on a table the plan without it reads in full or without an index where the check's no_full_scan or
     * uses_any_index_on asks otherwise (the index could turn that verdict; it cannot turn a pass into a fail).
     */
    record Dependency(String index, Unmodelled unmodelled, Optional<String> table) {
        String reason() {
            return unmodelled.reason() + " (" + index + ", from " + unmodelled.where() + ")"
                    + table.map(t -> " on " + t + ", which the plan without it reads without an index")
                            .orElse(", which this check names")
                    + "; build it or check after migrate";
        }
    }

    /** The first unmodelled index among {@code named}, in the order given. */
    Optional<Dependency> unmodelledNamed(List<String> named) {
        return named.stream().filter(notCheckable::containsKey).findFirst()
                .map(i -> new Dependency(i, notCheckable.get(i), Optional.empty()));
    }

    /** The first unmodelled index (by name) on one of {@code tables} (as a check's findings name them). */
    Optional<Dependency> unmodelledOn(Set<String> tables) {
        Set<String> read = tables.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return notCheckable.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .filter(e -> e.getValue().table().filter(read::contains).isPresent()).findFirst()
                .map(e -> new Dependency(e.getKey(), e.getValue(), e.getValue().table()));
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
                node.estimatedRows(), node.actualRows(), node.rowsExamined(), children, node.details());
    }
}
