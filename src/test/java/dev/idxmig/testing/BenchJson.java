package dev.idxmig.testing;

import tools.jackson.databind.JsonNode;

/** Reading bench runs from {@code --format json} reports in tests. */
public final class BenchJson {
    private BenchJson() {
    }

    /** The measurement of one query in a run ({@code run}, {@code before} or {@code after} of a report). */
    public static JsonNode query(JsonNode run, String name) {
        for (JsonNode q : run.get("queries")) {
            if (q.get("name").asString().equals(name)) {
                return q;
            }
        }
        throw new AssertionError("no query " + name + " in " + run);
    }
}
