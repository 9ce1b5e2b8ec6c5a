package dev.idxmig.backup;

import dev.idxmig.db.CatalogSnapshot;
import dev.idxmig.db.Dialect;
import dev.idxmig.db.IndexInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What restoring a snapshot over the live catalog takes: drops first (indexes the snapshot does not have, has with
 * another definition, or that are invalid now), then the builds of what the snapshot has and the catalog lacks.
 * An index that was invalid when the snapshot was taken is not built (it is the leftover of a build that failed,
 * most often on data it cannot hold): it is skipped with the reason; a live invalid index of its name is dropped,
 * a live valid one is left as it is.
 *
 * @param steps   the statements in order, each with the index it is about
 * @param drops   the live indexes dropped, by name
 * @param skipped the snapshot's indexes not built, by name
 */
record RestorePlan(List<Step> steps, List<RestoreReport.Drop> drops, List<RestoreReport.Skip> skipped) {

    /** One statement of a restore and the index it drops or builds. */
    record Step(String sql, String index, boolean build) {
        static Step drop(String sql, String index) {
            return new Step(sql, index, false);
        }

        static Step build(String sql, String index) {
            return new Step(sql, index, true);
        }

        String describe() {
            return (build ? "building " : "dropping ") + index;
        }
    }

    RestorePlan {
        steps = List.copyOf(steps);
        drops = List.copyOf(drops);
        skipped = List.copyOf(skipped);
    }

    List<String> statements() {
        return steps.stream().map(Step::sql).toList();
    }

    /**
     * The plan over {@code live}; {@code same} says whether a snapshot's definition builds the live index of its name
     * (by meaning: the database may print a definition again in other words).
     */
    static RestorePlan of(CatalogSnapshot live, IndexSnapshot snapshot, Dialect dialect,
                          BiPredicate<SnapshotIndex, IndexInfo> same) {
        Map<String, SnapshotIndex> want = new LinkedHashMap<>();
        Map<String, SnapshotIndex> leftovers = new LinkedHashMap<>();
        for (SnapshotIndex index : snapshot.indexes()) {
            (index.restorable() ? want : leftovers).put(index.name(), index);
        }
        Map<String, IndexInfo> have = live.all().stream().collect(Collectors.toMap(IndexInfo::name,
                Function.identity(), (a, b) -> a));
        List<IndexInfo> dropped = live.all().stream().filter(index -> dropped(index, want.get(index.name()),
                leftovers.containsKey(index.name()), same)).sorted(Comparator.comparing(IndexInfo::name)).toList();
        List<Step> steps = new ArrayList<>();
        List<RestoreReport.Drop> drops = new ArrayList<>();
        for (IndexInfo index : dropped) {
            steps.add(Step.drop(dialect.onlineDrop(index.schema(), index.table(), index.name()), index.name()));
            drops.add(new RestoreReport.Drop(index.name(), index.table(), want.containsKey(index.name())));
        }
        for (SnapshotIndex index : want.values()) {
            IndexInfo now = have.get(index.name());
            if (now == null || !now.healthy() || !same.test(index, now)) {
                steps.add(Step.build(dialect.onlineCreate(index.definition()), index.name()));
            }
        }
        List<RestoreReport.Skip> skipped = leftovers.values().stream()
                .map(index -> skip(index, Optional.ofNullable(have.get(index.name())))).toList();
        return new RestorePlan(steps, drops, skipped);
    }

    /** A live index goes when the snapshot lacks it, defines it otherwise, or it is broken now. */
    private static boolean dropped(IndexInfo live, SnapshotIndex wanted, boolean leftover,
                                   BiPredicate<SnapshotIndex, IndexInfo> same) {
        if (wanted != null) {
            return !live.healthy() || !same.test(wanted, live);
        }
        return !leftover || !live.healthy();
    }

    private static RestoreReport.Skip skip(SnapshotIndex index, Optional<IndexInfo> live) {
        String now = live.map(l -> l.healthy() ? "; the valid index of that name now is left as it is"
                : "; the invalid index of that name now is dropped").orElse("");
        return new RestoreReport.Skip(index.name(), index.table(), "it was " + (index.valid() ? "not ready" : "invalid")
                + " when the snapshot was taken (a build that failed), so restore does not build it" + now);
    }
}
