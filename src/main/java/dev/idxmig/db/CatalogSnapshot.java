package dev.idxmig.db;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The indexes of one schema at one moment, by name. Snapshots taken around a migration say what it changed. */
public final class CatalogSnapshot {
    private final Map<String, IndexInfo> byName;

    public CatalogSnapshot(List<IndexInfo> indexes) {
        Map<String, IndexInfo> map = new LinkedHashMap<>();
        for (IndexInfo index : indexes) {
            map.put(index.name(), index);
        }
        // Keep the catalog query's order (table, index name): Map.copyOf iterates in a per-JVM random order, which
        // made the ledger, and so status, list a migration's indexes differently from run to run.
        this.byName = java.util.Collections.unmodifiableMap(map);
    }

    public Optional<IndexInfo> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Collection<IndexInfo> all() {
        return byName.values();
    }

    public int size() {
        return byName.size();
    }
}
