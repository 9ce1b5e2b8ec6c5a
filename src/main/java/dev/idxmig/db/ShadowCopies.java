package dev.idxmig.db;

import dev.idxmig.base.Diagnostics;


/**
 * Makes throwaway schema-only copies of a target, for proofs before deploy: a scratch database loaded from
 * {@code pg_dump --schema-only} on PostgreSQL, a temporary file with the schema on SQLite. Nothing is written to
 * the target: it is only read.
 */
public interface ShadowCopies {
    /**
     * Copies the target's schema (and Flyway's history rows) into a new throwaway place.
     *
     * @param place       where to make it, and from what (see {@link ShadowPlace})
     * @param statistics  also copy the planner's statistics (SQLite {@code sqlite_stat1}/{@code sqlite_stat4}), so
     *                    plans in the copy are the target's plans
     */
    ShadowCopy copy(Database target, ShadowPlace place, boolean statistics, Diagnostics diagnostics);
}
