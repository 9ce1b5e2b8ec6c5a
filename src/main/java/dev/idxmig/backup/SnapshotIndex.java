package dev.idxmig.backup;

import dev.idxmig.db.DefinedIndex;
import dev.idxmig.db.IndexConstraint;
import dev.idxmig.db.IndexInfo;

import java.util.Optional;

/**
 * One index of a snapshot. {@code definition} is the database's own text ({@code pg_get_indexdef}, SQLite's stored
 * {@code CREATE INDEX}), kept byte for byte: it may span lines and hold any character a literal or a quoted
 * identifier can.
 *
 * @param valid      usable by queries when the snapshot was taken (PostgreSQL {@code indisvalid})
 * @param ready      accepting inserts when the snapshot was taken (PostgreSQL {@code indisready})
 * @param constraint the primary key, unique or exclusion constraint the index stood behind, if any
 */
record SnapshotIndex(String schema, String table, String name, String definition, boolean valid, boolean ready,
                     Optional<IndexConstraint> constraint) {

    /** The definition as the snapshot recorded it, for comparing with a live index by meaning. */
    DefinedIndex defined() {
        return new DefinedIndex(schema, table, name, definition, constraint);
    }

    static SnapshotIndex of(IndexInfo index) {
        return new SnapshotIndex(index.schema(), index.table(), index.name(), index.definition(), index.valid(),
                index.ready(), index.constraint());
    }

    /**
     * Whether restore builds it: an index that was invalid or not ready when the snapshot was taken is the leftover
     * of a build that failed (often on data it cannot hold), so restore skips it and says so.
     */
    boolean restorable() {
        return valid && ready;
    }
}
