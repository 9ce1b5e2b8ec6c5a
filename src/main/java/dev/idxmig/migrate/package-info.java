/**
 * Migrate, repair: run pending migrations through Flyway with a backup first, safe builds, the ledger and a verify afterwards.
 */
package dev.idxmig.migrate;
