package dev.idxmig.db;

/**
 * Indexes that stay built but that the optimizer no longer uses (MariaDB 10.6+: {@code IGNORED}; MySQL 8 would be
 * {@code INVISIBLE}): a drop that can be proven before it happens and undone at once. Reached through
 * {@link Dialect#softDrops()}; databases without them (PostgreSQL, SQLite) have none, and {@code --soft-drop} is a
 * usage error there.
 */
public interface SoftDrops {

    /** The instant, metadata-only statement that makes an index ignored (a soft drop). */
    String ignore(String schema, String table, String index);

    /** The instant statement that makes an ignored index used again (the rollback of a soft drop). */
    String restore(String schema, String table, String index);

    /** Whether a canonical definition (as the catalog snapshot prints it) is of an ignored index. */
    boolean ignored(String definition);

    /** The definition of the same index, not ignored: what stood before the soft drop. */
    String unignored(String definition);

    /** The dialect's word for an ignored index, for people: {@code IGNORED}. */
    String word();
}
