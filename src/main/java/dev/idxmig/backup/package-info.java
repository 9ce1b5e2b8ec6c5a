/**
 * Backups before changes and restores from them: database copies, pg_dump archives and index snapshots.
 */
package dev.idxmig.backup;
