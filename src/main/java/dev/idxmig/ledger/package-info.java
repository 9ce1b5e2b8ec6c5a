/**
 * Flyway's history table (under the project's name for it) and idxmig's index ledger: reading them, and recording
 * what each migration did to the index catalog, and which indexes stood when idxmig adopted a schema.
 */
package dev.idxmig.ledger;
