package dev.idxmig.backup;

import java.time.Instant;
import java.util.Optional;

/**
 * What a snapshot says about itself, readable without its definitions (for {@code backup list} and rotation).
 *
 * @param formatVersion 1 for the SQL files of earlier versions, {@link SnapshotCodec#VERSION} for the JSON ones
 * @param dialect       the id of the database the definitions were printed by ({@code postgresql}, {@code sqlite});
 *                      empty in format 1, which did not record it
 * @param database      the server and its version, as {@code Database.productVersion()} says it
 * @param madeAt        when the snapshot was taken; empty when a format 1 header did not say
 * @param count         how many indexes the snapshot holds
 * @param origin        who named the backup; empty in snapshots written before origins were recorded (never rotated)
 */
record SnapshotHeader(int formatVersion, Optional<String> dialect, String database, String schema,
                      Optional<Instant> madeAt, int count, Optional<Origin> origin) {

    /**
     * Who made a snapshot and with which copy.
     *
     * @param automatic true when idxmig named the backup itself (before migrate, or backup without --to)
     * @param series    the database's name the automatic backups of it start with
     * @param copy      the file name of the database copy taken with the snapshot, in the same folder
     */
    record Origin(boolean automatic, String series, Optional<String> copy) {
        static Origin automatic(String series, Optional<String> copy) {
            return new Origin(true, series, copy);
        }

        static Origin named(String series, Optional<String> copy) {
            return new Origin(false, series, copy);
        }
    }

    boolean automatic() {
        return origin.map(Origin::automatic).orElse(false);
    }

    Optional<String> series() {
        return origin.map(Origin::series);
    }

    Optional<String> copy() {
        return origin.flatMap(Origin::copy);
    }
}
