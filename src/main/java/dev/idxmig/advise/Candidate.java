package dev.idxmig.advise;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An index the plans suggest, before it is proven: its key elements in order (equality columns, then one range
 * column, then the sort order; expressions kept whole, in parentheses), covered columns, and the predicate of a
 * partial index. Two candidates with the same table, keys, include list and predicate are the same candidate.
 *
 * @param equalityKeys how many leading keys are tested for equality: their order among themselves does not matter
 *                     to which queries the index serves
 * @param shape        how it was read from the plan, for the report ("equality, range, sort", "partial", ...)
 */
public record Candidate(String table, List<String> keys, int equalityKeys, List<String> include,
                        Optional<String> predicate, String shape) {

    private static final int MAX_NAME = 63;

    public Candidate {
        keys = List.copyOf(keys);
        include = List.copyOf(include);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a candidate needs a key");
        }
    }

    /** The index's name: {@code idx_TABLE_KEYS[_where_PREDICATE]}, folded to PostgreSQL's 63 characters. */
    public String name() {
        List<String> parts = new ArrayList<>();
        parts.add("idx");
        parts.add(words(table));
        keys.forEach(k -> parts.add(words(k.replaceAll("(?i)\\s+(asc|desc)$", ""))));
        if (!include.isEmpty()) {
            parts.add("incl");
        }
        predicate.ifPresent(p -> parts.add("where_" + words(p)));
        String name = String.join("_", parts).replaceAll("_+", "_").replaceAll("_$", "");
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME).replaceAll("_$", "") : name;
    }

    private static String words(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("::[a-z ]+", "").replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_|_$", "");
    }

    /** What follows {@code ON}: {@code orders (customer_id, placed_at DESC) INCLUDE (total) WHERE status = 'open'}. */
    public String definitionTail() {
        return table + " (" + String.join(", ", keys) + ")"
                + (include.isEmpty() ? "" : " INCLUDE (" + String.join(", ", include) + ")")
                + predicate.map(p -> " WHERE " + p).orElse("");
    }

    /** The plain statement, as a hypothetical index is made from it. */
    public String createIndex() {
        return "CREATE INDEX " + name() + " ON " + definitionTail();
    }
}
