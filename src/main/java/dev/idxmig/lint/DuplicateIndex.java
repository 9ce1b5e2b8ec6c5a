package dev.idxmig.lint;

import dev.idxmig.script.IndexDefinition;
import dev.idxmig.base.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code duplicate-index}: an index whose key columns equal, or are a leading prefix of, another index on the
 * same table (in the migration set, or with a connection in the live database). A b-tree on (a, b) answers
 * every query an index on (a) answers, so the shorter one only costs writes and disk. Unique indexes are
 * not redundant as a prefix (they enforce a constraint), and partial indexes only compare with the same
 * predicate.
 */
final class DuplicateIndex implements LintRule {
    @Override
    public String id() {
        return "duplicate-index";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public String reason() {
        return "an index with the same columns as another, or a leading prefix of another, on the same table";
    }

    @Override
    public List<Violation> check(LintContext context) {
        List<Violation> found = new ArrayList<>();
        IndexTimeline.replay(context, (c, ctx) -> {
            if (!ctx.isTarget(c.script()) || IndexTimeline.sameName(c).isPresent()) {
                return;
            }
            for (IndexTimeline.Existing other : IndexTimeline.sameTable(c)) {
                Optional<String> problem = compare(c.index(), other.index());
                if (problem.isPresent()) {
                    found.add(Violation.at(c.script(), c.statement(), severity(), problem.get() + " ("
                                    + other.origin() + ")",
                            "keep one of them: drop the shorter, non-unique index"));
                    break;
                }
            }
        });
        return found;
    }

    static Optional<String> compare(IndexDefinition created, IndexDefinition other) {
        if (!created.method().equals(other.method()) || !created.predicate().equals(other.predicate())) {
            return Optional.empty();
        }
        String name = created.name().isEmpty() ? "the new index" : created.name();
        String cols = "(" + String.join(", ", created.columns()) + ")";
        if (created.columns().equals(other.columns())) {
            return Optional.of(name + " has the same columns " + cols + " as " + other.name());
        }
        if (!created.method().equals("btree")) {
            return Optional.empty();
        }
        if (!created.unique() && isPrefix(created.columns(), other.columns())) {
            return Optional.of(name + " " + cols + " is a prefix of " + other.name() + " ("
                    + String.join(", ", other.columns()) + "), which serves the same queries");
        }
        if (!other.unique() && isPrefix(other.columns(), created.columns())) {
            return Optional.of(name + " " + cols + " makes " + other.name() + " ("
                    + String.join(", ", other.columns()) + ") redundant: it is a prefix of the new index");
        }
        return Optional.empty();
    }

    private static boolean isPrefix(List<String> shorter, List<String> longer) {
        return shorter.size() < longer.size() && longer.subList(0, shorter.size()).equals(shorter);
    }
}
