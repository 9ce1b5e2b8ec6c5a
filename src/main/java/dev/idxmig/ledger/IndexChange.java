package dev.idxmig.ledger;

import dev.idxmig.db.CatalogSnapshot;
import dev.idxmig.db.IndexInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What happened to one index between two catalog snapshots: created, dropped, or changed (same name, another
 * definition). {@code before} is present for dropped and changed, {@code after} for created and changed.
 */
public record IndexChange(LedgerEntry.Action action, Optional<IndexInfo> before, Optional<IndexInfo> after) {

    public IndexInfo current() {
        return after.or(() -> before).orElseThrow();
    }

    /** The changes of plain indexes only (constraint-backed ones are left out). */
    public static List<IndexChange> between(CatalogSnapshot before, CatalogSnapshot after) {
        return between(before, after, t -> false);
    }

    /**
     * The changes of every index, those behind a primary key, unique or exclusion constraint too, except where the
     * table itself was created or dropped ({@code tableKept} says it was neither): a table's own primary key comes
     * and goes with the table, which the migration's table changes already say.
     */
    public static List<IndexChange> between(CatalogSnapshot before, CatalogSnapshot after,
                                            java.util.function.Predicate<String> tableKept) {
        List<IndexChange> changes = new ArrayList<>();
        for (IndexInfo was : before.withConstraints()) {
            if (was.constraint().isPresent() && !tableKept.test(was.table())) {
                continue;
            }
            Optional<IndexInfo> now = after.find(was.name());
            if (now.isPresent() && now.get().constraint().isPresent() && !tableKept.test(now.get().table())) {
                now = Optional.empty();
            }
            if (now.isEmpty()) {
                changes.add(new IndexChange(LedgerEntry.Action.DROPPED, Optional.of(was), Optional.empty()));
            } else if (!now.get().definition().equals(was.definition())
                    || !now.get().constraint().equals(was.constraint())) {
                changes.add(new IndexChange(LedgerEntry.Action.CHANGED, Optional.of(was), now));
            }
        }
        for (IndexInfo now : after.withConstraints()) {
            if (now.constraint().isPresent() && !tableKept.test(now.table())) {
                continue;
            }
            Optional<IndexInfo> was = before.find(now.name());
            if (was.isEmpty() || (was.get().constraint().isPresent() && !tableKept.test(was.get().table()))) {
                changes.add(new IndexChange(LedgerEntry.Action.CREATED, Optional.empty(), Optional.of(now)));
            }
        }
        return changes;
    }

    /**
     * The changes with each soft drop told apart: an index changed only into its ignored form
     * ({@link dev.idxmig.db.SoftDrops}) is {@link LedgerEntry.Action#SOFT_DROPPED}, not changed.
     */
    public static List<IndexChange> withSoftDrops(List<IndexChange> changes,
                                                  Optional<dev.idxmig.db.SoftDrops> softDrops) {
        if (softDrops.isEmpty()) {
            return changes;
        }
        dev.idxmig.db.SoftDrops soft = softDrops.get();
        List<IndexChange> told = new ArrayList<>();
        for (IndexChange change : changes) {
            boolean softDrop = change.action() == LedgerEntry.Action.CHANGED
                    && soft.ignored(change.after().orElseThrow().definition())
                    && !soft.ignored(change.before().orElseThrow().definition())
                    && soft.unignored(change.after().get().definition()).equals(change.before().get().definition());
            told.add(softDrop ? new IndexChange(LedgerEntry.Action.SOFT_DROPPED, change.before(), change.after())
                    : change);
        }
        return told;
    }

    /** The ledger row of this change. */
    public LedgerEntry entry(String version, String script, long buildMs, LedgerEntry.Outcome outcome,
                             java.time.Instant now) {
        IndexInfo index = current();
        return new LedgerEntry(version, script, action, index.schema(), Optional.of(index.table()),
                Optional.of(index.name()), after.map(IndexInfo::definition), before.map(IndexInfo::definition),
                Optional.of(index.method()), index.unique(), index.partial(), index.healthy(), index.sizeBytes(),
                buildMs, outcome, Optional.empty(), now,
                after.flatMap(IndexInfo::constraint).map(dev.idxmig.db.IndexConstraint::definition),
                before.flatMap(IndexInfo::constraint).map(dev.idxmig.db.IndexConstraint::definition));
    }

    /** A one-line summary of table and column changes between two table maps, empty when there are none. */
    public static Optional<String> describeTableChanges(Map<String, List<String>> before,
                                                        Map<String, List<String>> after) {
        List<String> parts = new ArrayList<>();
        TreeSet<String> created = new TreeSet<>(after.keySet());
        created.removeAll(before.keySet());
        TreeSet<String> dropped = new TreeSet<>(before.keySet());
        dropped.removeAll(after.keySet());
        TreeSet<String> altered = new TreeSet<>();
        for (String table : after.keySet()) {
            if (before.containsKey(table) && !before.get(table).equals(after.get(table))) {
                altered.add(table);
            }
        }
        if (!created.isEmpty()) {
            parts.add("tables created: " + String.join(", ", created));
        }
        if (!dropped.isEmpty()) {
            parts.add("tables dropped: " + String.join(", ", dropped));
        }
        if (!altered.isEmpty()) {
            parts.add("columns changed: " + String.join(", ", altered));
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }
}
