/**
 * The checks file beside the migrations: the queries, their plan expectations and bench targets.
 */
package dev.idxmig.checks;
