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
        this.byName = java.util.Collections.unmodifiableMap(map); // keeps catalog order: stable reports
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
