package dev.idxmig.audit;

import dev.idxmig.base.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fleet audit read across its schemas: one row per index name with its scans in each schema and the schemas
 * where it went unused. An index that serves one tenant and no other is a finding of its own.
 *
 * @param schemas the schemas audited, in order
 */
public record AcrossSchemas(List<String> schemas, List<Row> rows) {

    public AcrossSchemas {
        schemas = List.copyOf(schemas);
        rows = List.copyOf(rows);
    }

    /**
     * One index name over the fleet.
     *
     * @param scans    by schema: the scans counted, {@code unknown} without statistics, {@code -} where it is not
     * @param unusedIn the schemas where its verdict is unused since built
     */
    public record Row(String index, Map<String, String> scans, List<String> unusedIn) {
    }

    public static AcrossSchemas of(Map<String, AuditReport> bySchema) {
        Map<String, Map<String, String>> scans = new TreeMap<>();
        Map<String, List<String>> unused = new TreeMap<>();
        for (Map.Entry<String, AuditReport> e : new TreeMap<>(bySchema).entrySet()) {
            for (AuditedIndex i : e.getValue().indexes()) {
                scans.computeIfAbsent(i.index(), k -> new TreeMap<>()).put(e.getKey(),
                        i.scans().map(String::valueOf).orElse("unknown"));
                List<String> where = unused.computeIfAbsent(i.index(), k -> new ArrayList<>());
                if (i.verdict() == Verdict.UNUSED_SINCE_BUILT) {
                    where.add(e.getKey());
                }
            }
        }
        List<String> schemas = new ArrayList<>(new TreeMap<>(bySchema).keySet());
        List<Row> rows = new ArrayList<>();
        scans.forEach((index, bySchemaScans) -> rows.add(new Row(index, bySchemaScans, unused.get(index))));
        return new AcrossSchemas(schemas, rows);
    }

    /** The rows as a table: index, one column of scans per schema, then the schemas where it is unused. */
    public Table table() {
        List<String> header = new ArrayList<>(List.of("index"));
        header.addAll(schemas);
        header.add("unused in");
        List<List<String>> cells = new ArrayList<>();
        for (Row r : rows) {
            List<String> row = new ArrayList<>(List.of(r.index()));
            schemas.forEach(s -> row.add(r.scans().getOrDefault(s, "-")));
            row.add(r.unusedIn().isEmpty() ? "-" : r.unusedIn().size() == schemas.size() ? "all"
                    : String.join(", ", r.unusedIn()));
            cells.add(row);
        }
        return new Table(header, cells);
    }
}
