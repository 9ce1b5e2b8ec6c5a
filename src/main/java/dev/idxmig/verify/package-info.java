/**
 * Verify: the ledger against the live catalog, invalid indexes, Flyway checksums, data integrity and pending migrations.
 */
package dev.idxmig.verify;
