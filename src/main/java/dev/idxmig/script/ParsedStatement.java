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
 * @param guard         {@code IF EXISTS} (DROP) or {@code IF NOT EXISTS} (CREATE), if given
 * @param ignored       rule ids switched off for this statement by {@code -- idxmig:ignore} or
 *                      {@code -- idxmig:disable}; {@code *} is all
 * @param unique        {@code CREATE UNIQUE INDEX}
 * @param target        the tokens naming the table of a {@code CREATE INDEX} or {@code REINDEX TABLE}, or the
 *                      (first) index of a {@code DROP INDEX} or {@code REINDEX INDEX}, as written
 * @param constraintIndexes the indexes the actions of an {@code ALTER TABLE} build for constraints
 * @param syntaxError   where the statement stops being SQL the reader (and PostgreSQL) accepts
 */
public record ParsedStatement(SqlStatement source, StatementKind kind, List<Token> tokens, Optional<IndexDefinition> index,
                     List<String> indexNames, Optional<String> table, Map<String, String> columns,
                     List<IndexDefinition> keys, boolean concurrently, Guard guard, Set<String> ignored,
                     boolean unique, Optional<Span> target, List<ConstraintIndex> constraintIndexes,
                     Optional<SyntaxError> syntaxError) {

    /** Tokens {@code from} (inclusive) to {@code to} (exclusive). */
    public record Span(int from, int to) {
    }

    public ParsedStatement {
        tokens = List.copyOf(tokens);
        indexNames = List.copyOf(indexNames);
        columns = Map.copyOf(columns);
        keys = List.copyOf(keys);
        ignored = Set.copyOf(ignored);
        constraintIndexes = List.copyOf(constraintIndexes);
    }

    /** The statement's text from the first token of a span to the last, as written. */
    public String text(Span span) {
        if (span.from() >= span.to() || span.to() > tokens.size()) {
            return "";
        }
        Token last = tokens.get(span.to() - 1);
        int end = last.offset() + last.text().length();
        if (last.type() == Token.Type.QUOTED) {
            // a quoted token holds the identifier, not the quotes; find the closing quote in the source
            end = SqlText.endOfQuoted(source.sql(), last.offset(), source.sql().charAt(last.offset()) == '[' ? ']'
                    : source.sql().charAt(last.offset()));
        }
        return source.sql().substring(tokens.get(span.from()).offset(), Math.min(end, source.sql().length()));
    }

    /** The statement's text after a span, up to its end (without a final semicolon), as written. */
    public String textAfter(Span span) {
        if (span.to() >= tokens.size()) {
            return "";
        }
        String rest = source.sql().substring(tokens.get(span.to()).offset()).strip();
        while (rest.endsWith(";")) {
            rest = rest.substring(0, rest.length() - 1).strip();
        }
        return rest;
    }

    /** {@code DROP ... IF EXISTS} was given. */
    public boolean ifExists() {
        return guard == Guard.IF_EXISTS;
    }

    /** {@code CREATE ... IF NOT EXISTS} was given. */
    public boolean ifNotExists() {
        return guard == Guard.IF_NOT_EXISTS;
    }

    /** Either guard was given: the statement tolerates a re-run. */
    public boolean guarded() {
        return guard != Guard.NONE;
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
                guard, rules, unique, target, constraintIndexes, syntaxError);
    }

    /** The statement's first line, shortened, to quote it in a message. */
    public String excerpt() {
        String first = source.sql().lines().findFirst().orElse("").strip();
        return first.length() > 80 ? first.substring(0, 77) + "..." : first;
    }
}
