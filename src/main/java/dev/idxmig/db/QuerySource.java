package dev.idxmig.db;

import java.util.Optional;

/**
 * How this server answers one optional query as it is set up now ({@link Dialect#querySource}): the SQL resource
 * to run (the query's own, or a second source of the same statistics), or, where the statistics it reads are not
 * collected, why not and how to start collecting them.
 *
 * @param resource the SQL resource to run; empty when the server cannot answer
 * @param what     what is missing, for people ({@code index usage})
 * @param why      why it is missing
 * @param hint     how to make the server collect it
 */
public record QuerySource(Optional<String> resource, String what, String why, String hint) {

    public static QuerySource runs(String resource) {
        return new QuerySource(Optional.of(resource), "", "", "");
    }

    public static QuerySource unavailable(String what, String why, String hint) {
        return new QuerySource(Optional.empty(), what, why, hint);
    }
}
