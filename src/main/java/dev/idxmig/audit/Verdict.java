package dev.idxmig.audit;

import com.fasterxml.jackson.annotation.JsonValue;

/** What an index's evidence says about it, worst first: the order a report sorts by. */
public enum Verdict {
    /** a check that names it fails now, or a promised gain was not measured: the migration's claim does not hold */
    PROMISE_BROKEN("promise broken"),
    /** no scan in the statistics' window since it was built: it costs writes and disk for nothing seen */
    UNUSED_SINCE_BUILT("unused since built"),
    /** it stood before idxmig adopted the schema and no check names it: nobody wrote down what it is for */
    ADOPTED_UNKNOWN("adopted, unknown"),
    /** scanned, but no check or bench names it: it may pay off, nothing shows it does */
    USED_NEVER_PROVEN("used, never proven"),
    /** the database keeps no usage statistics and no check names it (SQLite): nothing can be said */
    UNKNOWN("unknown"),
    /** scanned (where the database counts scans), its checks pass, and a promised gain was measured */
    DELIVERED("delivered");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }
}
