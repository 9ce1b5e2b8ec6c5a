package dev.idxmig.db;

import java.util.Collection;
import java.util.Collections;
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
        // Not Map.copyOf: its iteration order changes from run to run, and the ledger and reports list indexes in
        // this order (the catalog query's).
        this.byName = Collections.unmodifiableMap(map);
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
