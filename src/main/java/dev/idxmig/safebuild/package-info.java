/**
 * Online index builds under Flyway: session settings, lock timeout and retries, invalid-index cleanup, blockers and progress.
 */
package dev.idxmig.safebuild;
