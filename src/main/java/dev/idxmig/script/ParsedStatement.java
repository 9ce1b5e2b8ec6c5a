package dev.idxmig.script;


import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One statement of a script with what lint's rules need from it.
 *
 * @param index         the index a {@code CREATE INDEX} creates
 * @param indexNames    the indexes a {@code DROP INDEX} drops, the index a {@code REINDEX INDEX} rebuilds, or
 *                      the old and new name of {@code ALTER INDEX ... RENAME TO}
 * @param table         the table a {@code CREATE TABLE}, {@code ALTER TABLE} or {@code REINDEX TABLE} names
 * @param columns       columns with their declared type, from {@code CREATE TABLE} or {@code ADD COLUMN}
 * @param keys          the indexes a {@code CREATE TABLE} makes for its primary key and unique constraints
 * @param concurrently  {@code CONCURRENTLY} was given
 * @param ifExists      {@code IF EXISTS} / {@code IF NOT EXISTS} was given
 * @param ignored       rule ids switched off for this statement by {@code -- idxmig:ignore}; {@code *} is all
 */
public record ParsedStatement(SqlStatement source, StatementKind kind, List<Token> tokens, Optional<IndexDefinition> index,
                     List<String> indexNames, Optional<String> table, Map<String, String> columns,
                     List<IndexDefinition> keys, boolean concurrently, boolean ifExists, Set<String> ignored) {

    public ParsedStatement {
        tokens = List.copyOf(tokens);
        indexNames = List.copyOf(indexNames);
        columns = Map.copyOf(columns);
        keys = List.copyOf(keys);
        ignored = Set.copyOf(ignored);
    }

    public int line() {
        return source.line();
    }

    public int column() {
        return source.column();
    }

    public boolean ignores(String rule) {
        return ignored.contains("*") || ignored.contains(rule);
    }

    public ParsedStatement withIgnored(Set<String> rules) {
        return new ParsedStatement(source, kind, tokens, index, indexNames, table, columns, keys, concurrently,
                ifExists, rules);
    }

    /** The statement's first line, shortened, to quote it in a message. */
    public String excerpt() {
        String first = source.sql().lines().findFirst().orElse("").strip();
        return first.length() > 80 ? first.substring(0, 77) + "..." : first;
    }
}
