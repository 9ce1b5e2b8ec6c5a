/**
 * Status: each migration of the history with the indexes it made and their state now.
 */
package dev.idxmig.status;
