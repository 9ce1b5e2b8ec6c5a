/**
 * Fleet runs: one command's work over many schemas or databases, in parallel, with per-server build limits.
 */
package dev.idxmig.fleet;
