package dev.idxmig.db;

import java.util.Optional;

/**
 * An index the database would not use or maintain fully: not valid, not ready, or not live (PostgreSQL).
 * {@code buildPhase} is present while a {@code CREATE INDEX} is still building it.
 */
public record UnhealthyIndex(String schema, String table, String name, boolean valid, boolean ready, boolean live,
                             Optional<Integer> buildPid, Optional<String> buildPhase) {

    public boolean inProgress() {
        return buildPhase.isPresent();
    }

    /** {@code REINDEX CONCURRENTLY} names its copies {@code <index>_ccnew[N]} and {@code <index>_ccold[N]}. */
    public Optional<String> reindexLeftover() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.+)_cc(new|old)\\d*$").matcher(name);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
