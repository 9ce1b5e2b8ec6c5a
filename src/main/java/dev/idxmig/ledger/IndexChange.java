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

    public static List<IndexChange> between(CatalogSnapshot before, CatalogSnapshot after) {
        List<IndexChange> changes = new ArrayList<>();
        for (IndexInfo was : before.all()) {
            Optional<IndexInfo> now = after.find(was.name());
            if (now.isEmpty()) {
                changes.add(new IndexChange(LedgerEntry.Action.DROPPED, Optional.of(was), Optional.empty()));
            } else if (!now.get().definition().equals(was.definition())) {
                changes.add(new IndexChange(LedgerEntry.Action.CHANGED, Optional.of(was), now));
            }
        }
        for (IndexInfo now : after.all()) {
            if (before.find(now.name()).isEmpty()) {
                changes.add(new IndexChange(LedgerEntry.Action.CREATED, Optional.empty(), Optional.of(now)));
            }
        }
        return changes;
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
