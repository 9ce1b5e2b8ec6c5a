package dev.idxmig.backup;

import java.util.List;

/**
 * An index snapshot as idxmig reads it, whichever format its file is in: the facts of its header and every index
 * definition of the schema, in the order they were written.
 */
record IndexSnapshot(SnapshotHeader header, List<SnapshotIndex> indexes) {
    IndexSnapshot {
        indexes = List.copyOf(indexes);
    }
}
