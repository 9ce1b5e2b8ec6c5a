package dev.idxmig.db;

import java.util.List;

/**
 * What to explain and how.
 *
 * @param params               values for the statement's {@code ?} placeholders, bound through a prepared statement
 * @param genericPlan          plan without looking at the values (PostgreSQL generic plan); ignored where the
 *                             database has no such distinction
 * @param analyze              run the statement to get actual rows (and buffers, where reported)
 * @param discourageFullScans  plan as if sequential scans were very expensive (the "usable" verdict); only
 *                             where {@link Explainer#canDiscourageFullScans()}
 */
public record ExplainRequest(String sql, List<Object> params, boolean genericPlan, boolean analyze,
                             boolean discourageFullScans) {

    public ExplainRequest {
        params = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(params));
    }
}
