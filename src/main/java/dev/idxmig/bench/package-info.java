/**
 * Bench: time each check query before and after, with statistics, baselines and targets.
 */
package dev.idxmig.bench;
