package dev.idxmig.lint;

import dev.idxmig.script.SqlStatement;

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
record LintStatement(SqlStatement source, StatementKind kind, List<Token> tokens, Optional<IndexDefinition> index,
                     List<String> indexNames, Optional<String> table, Map<String, String> columns,
                     List<IndexDefinition> keys, boolean concurrently, boolean ifExists, Set<String> ignored) {

    LintStatement {
        tokens = List.copyOf(tokens);
        indexNames = List.copyOf(indexNames);
        columns = Map.copyOf(columns);
        keys = List.copyOf(keys);
        ignored = Set.copyOf(ignored);
    }

    int line() {
        return source.line();
    }

    int column() {
        return source.column();
    }

    boolean ignores(String rule) {
        return ignored.contains("*") || ignored.contains(rule);
    }

    LintStatement withIgnored(Set<String> rules) {
        return new LintStatement(source, kind, tokens, index, indexNames, table, columns, keys, concurrently,
                ifExists, rules);
    }

    /** The statement's first line, shortened, to quote it in a message. */
    String excerpt() {
        String first = source.sql().lines().findFirst().orElse("").strip();
        return first.length() > 80 ? first.substring(0, 77) + "..." : first;
    }
}
