package dev.idxmig.advise;

import dev.idxmig.script.IndexDefinition;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an index the table has already serves a candidate, the way doctor judges a redundant index: the
 * candidate's keys lead the existing index's. Its equality keys may come in any order (an index on
 * {@code (customer_id, status)} serves {@code status = 'open' AND customer_id = 7} as well as one on
 * {@code (status, customer_id)}); after them the order must be the same. A partial index serves only a candidate
 * with the same predicate; a covering candidate needs the columns it includes somewhere in the existing index.
 */
final class ExistingIndexes {
    private ExistingIndexes() {
    }

    static Optional<IndexDefinition> serving(Candidate candidate, List<IndexDefinition> existing) {
        return existing.stream().filter(e -> serves(e, candidate)).findFirst();
    }

    static boolean serves(IndexDefinition existing, Candidate c) {
        if (!bareTable(existing.table()).equals(bareTable(c.table()))
                || !existing.method().equalsIgnoreCase("btree")) {
            return false;
        }
        if (!existing.predicate().map(ExistingIndexes::norm).equals(c.predicate().map(ExistingIndexes::norm))
                && existing.predicate().isPresent()) {
            return false;
        }
        List<String> keys = existing.columns().stream().map(ExistingIndexes::norm).toList();
        List<String> wanted = c.keys().stream().map(ExistingIndexes::norm).toList();
        if (keys.size() < wanted.size()) {
            return false;
        }
        Set<String> leadingEquality = new HashSet<>(keys.subList(0, c.equalityKeys()));
        Set<String> wantedEquality = new HashSet<>(wanted.subList(0, c.equalityKeys()));
        if (!leadingEquality.equals(wantedEquality)) {
            return false;
        }
        for (int i = c.equalityKeys(); i < wanted.size(); i++) {
            if (!sameKey(keys.get(i), wanted.get(i))) {
                return false;
            }
        }
        Set<String> all = new HashSet<>(keys);
        existing.include().forEach(k -> all.add(norm(k)));
        return c.include().stream().map(ExistingIndexes::norm).allMatch(all::contains);
    }

    /** The same key, or the same column in the opposite direction when it is the only ordered key left. */
    private static boolean sameKey(String existing, String wanted) {
        return existing.equals(wanted) || CandidateExtraction.bare(existing).equals(CandidateExtraction.bare(wanted))
                && (existing.endsWith(" desc") == wanted.endsWith(" desc"));
    }

    private static String norm(String text) {
        return text.toLowerCase(Locale.ROOT).replace("\"", "").replaceAll("\\s+", " ").replaceAll("\\s+asc$", "")
                .replaceAll("::[a-z ]+", "").replace("(", "").replace(")", "").strip();
    }

    private static String bareTable(String table) {
        String t = table.replace("\"", "").toLowerCase(Locale.ROOT);
        return t.substring(t.lastIndexOf('.') + 1);
    }
}
