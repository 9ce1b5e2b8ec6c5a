/**
 * Flyway's history table and idxmig's index ledger: reading them, and recording what each migration did to the index catalog.
 */
package dev.idxmig.ledger;
