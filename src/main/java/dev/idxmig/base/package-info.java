/**
 * What every layer shares: the failure kinds and their exit codes, the error type, diagnostics, and the result types of checks (report, finding, severity, sizes, tables) that every writer prints.
 */
package dev.idxmig.base;
