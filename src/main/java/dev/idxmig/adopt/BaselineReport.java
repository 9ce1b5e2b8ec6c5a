package dev.idxmig.adopt;

import java.util.List;

/**
 * What {@code baseline} did to one schema: the history table it created, the baseline version, and the indexes it
 * recorded as adopted.
 */
public record BaselineReport(String database, String schema, String historyTable, String version,
                             String description, int tables, List<String> adoptedIndexes) {
    public BaselineReport {
        adoptedIndexes = List.copyOf(adoptedIndexes);
    }

    /** One line for people and for a fleet's per-target headline. */
    public String headline() {
        return "baseline " + version + ": " + tables + " table" + (tables == 1 ? "" : "s") + ", "
                + adoptedIndexes.size() + " index" + (adoptedIndexes.size() == 1 ? "" : "es") + " adopted";
    }
}
