package dev.idxmig.backup;

/** What a backup holds. */
public enum BackupScope {
    /** What {@code migrate} takes unless told otherwise: a full copy on SQLite, the index snapshot on PostgreSQL. */
    DEFAULT,
    /** A full copy of the database (plus the index snapshot). */
    FULL,
    /** The schema without data (plus the index snapshot). */
    SCHEMA,
    /** Only the index snapshot: every index definition, enough to restore the index state. */
    INDEXES,
    /** No backup ({@code migrate --no-backup}). */
    NONE
}
