package dev.idxmig.db;

import java.util.OptionalLong;

/**
 * One index as the database describes it. {@code definition} is canonical: PostgreSQL's
 * {@code pg_get_indexdef} (printed in a fixed session: UTC, ISO dates, search_path public), or SQLite's stored
 * {@code CREATE INDEX} text with white space folded. Two snapshots read so print an unchanged index alike; a
 * definition recorded earlier is compared with the live one by {@link Dialect#sameIndex}, by what it builds.
 *
 * @param valid  usable by queries (PostgreSQL {@code indisvalid}; always true on SQLite)
 * @param ready  accepting inserts (PostgreSQL {@code indisready}; always true on SQLite)
 * @param constraint the primary key, unique or exclusion constraint the index stands behind, if any
 */
public record IndexInfo(
        String schema,
        String table,
        String name,
        String definition,
        String method,
        boolean unique,
        boolean partial,
        boolean valid,
        boolean ready,
        OptionalLong sizeBytes,
        java.util.Optional<IndexConstraint> constraint) {

    /** An index no constraint stands on (all of SQLite's, as idxmig reads them). */
    public IndexInfo(String schema, String table, String name, String definition, String method, boolean unique,
                     boolean partial, boolean valid, boolean ready, OptionalLong sizeBytes) {
        this(schema, table, name, definition, method, unique, partial, valid, ready, sizeBytes,
                java.util.Optional.empty());
    }

    /** Identity within a snapshot: schema and name (index names are unique per schema in both databases). */
    public String key() {
        return schema + "." + name;
    }

    public boolean healthy() {
        return valid && ready;
    }
}
