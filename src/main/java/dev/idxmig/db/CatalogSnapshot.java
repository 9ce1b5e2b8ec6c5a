package dev.idxmig.db;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The indexes of one schema at one moment, by name. Snapshots taken around a migration say what it changed.
 * Indexes behind a primary key, unique or exclusion constraint are kept apart: {@link #all()} leaves them out
 * (backups, restores, lint and doctor work on plain indexes), {@link #withConstraints()} has them too (the ledger,
 * verify and status), and {@link #find} finds either.
 */
public final class CatalogSnapshot {
    private final Map<String, IndexInfo> byName;

    public CatalogSnapshot(List<IndexInfo> indexes) {
        Map<String, IndexInfo> map = new LinkedHashMap<>();
        for (IndexInfo index : indexes) {
            map.put(index.name(), index);
        }
        this.byName = java.util.Collections.unmodifiableMap(map); // keeps catalog order: stable reports
    }

    public Optional<IndexInfo> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The plain indexes: those no constraint stands on. */
    public Collection<IndexInfo> all() {
        return byName.values().stream().filter(i -> i.constraint().isEmpty()).toList();
    }

    /** Every index, those behind constraints too. */
    public Collection<IndexInfo> withConstraints() {
        return byName.values();
    }

    public int size() {
        return all().size();
    }
}
