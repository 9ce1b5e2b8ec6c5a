/**
 * Advise: from a workload (pg_stat_statements, a queries file, the checks file) to index candidates read from the
 * queries' plans, proven hypothetically before they are proposed, and written as migrations with their checks.
 */
package dev.idxmig.advise;
