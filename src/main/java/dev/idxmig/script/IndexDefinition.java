package dev.idxmig.script;

import java.util.List;
import java.util.Optional;

/**
 * A {@code CREATE INDEX} as lint reads it: from a migration, or from the live catalog (PostgreSQL's
 * {@code pg_get_indexdef} and SQLite's stored SQL are themselves {@code CREATE INDEX} statements).
 *
 * @param columns   each key element as canonical text ({@code company_id}, {@code lower(email)},
 *                  {@code started desc})
 * @param method    the access method, {@code btree} unless {@code USING} says otherwise
 * @param predicate the canonical {@code WHERE} text of a partial index
 */
public record IndexDefinition(String name, String table, List<String> columns, boolean unique, String method,
                       List<String> include, Optional<String> predicate, boolean concurrently,
                       boolean ifNotExists) {

    public IndexDefinition {
        columns = List.copyOf(columns);
        include = List.copyOf(include);
    }

    /** The plain column name of a key element, if the element is one (not an expression). */
    public static Optional<String> plainColumn(String element) {
        String bare = element.replaceAll("\\s+(asc|desc)$", "").replaceAll("\\s+nulls (first|last)$", "");
        bare = bare.replaceAll("\\s+(asc|desc)$", "");
        if (bare.matches("[a-z_][a-z0-9_$]*")) {
            return Optional.of(bare);
        }
        if (bare.matches("\"[^\"]+\"")) {
            return Optional.of(bare.substring(1, bare.length() - 1));
        }
        return Optional.empty();
    }
}
