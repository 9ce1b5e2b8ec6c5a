/**
 * Audit: for each index in the ledger, where it came from, what its migration promised (checks, bench targets and
 * measurements), what happened since (usage statistics, the plan now, the write cost), and a verdict.
 */
package dev.idxmig.audit;
