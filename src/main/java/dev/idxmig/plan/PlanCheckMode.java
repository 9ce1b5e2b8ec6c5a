package dev.idxmig.plan;

/**
 * Which verdict fails a check. Both are always reported where the database can give them.
 */
public enum PlanCheckMode {
    /** the planner picks the index with the statistics it has: what production does */
    CHOSEN,
    /** the planner picks it when sequential scans are discouraged: robust on small test data */
    USABLE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
