/**
 * Rollback: undo migrations newest first from undo scripts or the ledger's inverse, then remove them from the history.
 */
package dev.idxmig.rollback;
