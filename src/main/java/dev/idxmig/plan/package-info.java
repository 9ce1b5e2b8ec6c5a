/**
 * Plan checks: EXPLAIN each check query and judge its expectations (chosen or usable).
 */
package dev.idxmig.plan;
