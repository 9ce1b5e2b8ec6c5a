package dev.idxmig.script;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a statement's tokens into a {@link ParsedStatement}. Only the statements index rules care about are read
 * in detail ({@code CREATE/DROP INDEX}, {@code REINDEX}, {@code CREATE/ALTER TABLE}); everything else is only
 * classified by its first words. Anything unexpected ends the reading early, never with an exception.
 */
public final class StatementReader {
    private final List<Token> t;
    private int i;

    private StatementReader(List<Token> tokens) {
        this.t = tokens;
    }

    public static ParsedStatement read(SqlStatement statement) {
        List<Token> tokens = SqlTokens.of(statement.sql());
        StatementReader r = new StatementReader(tokens);
        return r.statement(statement);
    }

    /** Reads a live index definition ({@code pg_get_indexdef}, SQLite's stored SQL), if it is one. */
    public static Optional<IndexDefinition> index(String createIndexSql) {
        return read(new SqlStatement(createIndexSql, 1, 1)).index();
    }

    private ParsedStatement statement(SqlStatement source) {
        Builder b = new Builder(source, t);
        if (t.isEmpty()) {
            return b.build(StatementKind.OTHER);
        }
        Token first = t.get(0);
        String w = first.type() == Token.Type.WORD ? first.name() : "";
        switch (w) {
            case "create":
                return create(b);
            case "drop":
                return drop(b);
            case "reindex":
                return reindex(b);
            case "alter":
                return alter(b);
            case "insert": case "update": case "delete": case "merge": case "copy": case "with": case "replace":
            case "upsert": case "truncate":
                return b.build(StatementKind.DATA_CHANGE);
            case "analyze": case "analyse": case "vacuum":
                return b.build(StatementKind.MAINTENANCE);
            case "set": case "reset": case "pragma":
                return b.build(StatementKind.SESSION);
            case "begin": case "start": case "commit": case "end": case "rollback": case "savepoint": case "release":
                return b.build(StatementKind.TRANSACTION);
            case "comment":
                return b.build(word(1, "on") && word(2, "index") ? StatementKind.OTHER_INDEX : StatementKind.OTHER);
            default:
                return b.build(StatementKind.OTHER);
        }
    }

    private ParsedStatement create(Builder b) {
        i = 1;
        boolean unique = accept("unique");
        if (accept("index")) {
            return createIndex(b, unique);
        }
        while (accept("global") || accept("local") || accept("temp") || accept("temporary") || accept("unlogged")) {
            // modifiers of CREATE TABLE
        }
        if (accept("table")) {
            return createTable(b);
        }
        return b.build(StatementKind.OTHER);
    }

    private ParsedStatement createIndex(Builder b, boolean unique) {
        b.concurrently = accept("concurrently");
        b.ifExists = accept("if") && accept("not") && accept("exists");
        String name = "";
        if (!peek("on")) {
            name = qualifiedName().orElse("");
        }
        if (!accept("on")) {
            return b.build(StatementKind.CREATE_INDEX);
        }
        accept("only");
        Optional<String> table = qualifiedName();
        if (table.isEmpty()) {
            return b.build(StatementKind.CREATE_INDEX);
        }
        b.table = table;
        String method = "btree";
        if (accept("using") && i < t.size()) {
            method = t.get(i++).name();
        }
        if (!symbol('(')) {
            return b.build(StatementKind.CREATE_INDEX);
        }
        List<String> columns = elements();
        List<String> include = List.of();
        if (accept("include") && symbol('(')) {
            include = elements();
        }
        Optional<String> predicate = Optional.empty();
        while (i < t.size()) {
            if (accept("where")) {
                predicate = Optional.of(canonical(i, t.size()));
                break;
            }
            i++;
        }
        b.index = Optional.of(new IndexDefinition(name, table.get(), columns, unique, method, include, predicate,
                b.concurrently, b.ifExists));
        return b.build(StatementKind.CREATE_INDEX);
    }

    private ParsedStatement createTable(Builder b) {
        b.ifExists = accept("if") && accept("not") && accept("exists");
        b.table = qualifiedName();
        if (symbol('(') && b.table.isPresent()) {
            for (List<Token> element : split(closing(i - 1))) {
                if (element.size() >= 2 && element.get(0).isName() && !isConstraint(element.get(0))) {
                    String column = element.get(0).name();
                    b.columns.put(column, element.get(1).name());
                    if (has(element, "primary", "key")) {
                        b.keys.add(key(b.table.get(), List.of(column), true));
                    } else if (has(element, "unique", null)) {
                        b.keys.add(key(b.table.get(), List.of(column), false));
                    }
                } else if (has(element, "primary", "key") || has(element, "unique", null)) {
                    keyColumns(element).ifPresent(cols -> b.keys.add(key(b.table.get(), cols,
                            has(element, "primary", "key"))));
                }
            }
        }
        return b.build(StatementKind.CREATE_TABLE);
    }

    /** The index PostgreSQL makes for a key, under its default name; SQLite's rowid or autoindex serves alike. */
    private static IndexDefinition key(String table, List<String> columns, boolean primary) {
        String name = primary ? table + "_pkey" : table + "_" + String.join("_", columns) + "_key";
        return new IndexDefinition(name, table, columns, true, "btree", List.of(), Optional.empty(), false, false);
    }

    private static boolean has(List<Token> element, String word, String next) {
        for (int k = 0; k < element.size(); k++) {
            if (element.get(k).is(word) && (next == null || (k + 1 < element.size() && element.get(k + 1).is(next)))) {
                return true;
            }
        }
        return false;
    }

    /** The plain column names of a table constraint's {@code (a, b)} list. */
    private static Optional<List<String>> keyColumns(List<Token> element) {
        List<String> columns = new ArrayList<>();
        boolean inside = false;
        for (Token tok : element) {
            if (tok.isSymbol('(')) {
                if (inside) {
                    return Optional.empty(); // an expression, not a column list
                }
                inside = true;
            } else if (tok.isSymbol(')')) {
                break;
            } else if (inside && tok.isName()) {
                columns.add(tok.name());
            }
        }
        return columns.isEmpty() ? Optional.empty() : Optional.of(columns);
    }

    private static boolean isConstraint(Token first) {
        for (String w : List.of("constraint", "primary", "unique", "check", "foreign", "exclude", "like")) {
            if (first.is(w)) {
                return true;
            }
        }
        return false;
    }

    private ParsedStatement drop(Builder b) {
        i = 1;
        if (accept("table")) {
            if (accept("if")) {
                accept("exists");
            }
            b.table = qualifiedName();
            return b.build(StatementKind.TABLE_CHANGE);
        }
        if (!accept("index")) {
            return b.build(StatementKind.OTHER);
        }
        b.concurrently = accept("concurrently");
        b.ifExists = accept("if") && accept("exists");
        do {
            qualifiedName().ifPresent(b.indexNames::add);
        } while (symbol(','));
        return b.build(StatementKind.DROP_INDEX);
    }

    private ParsedStatement reindex(Builder b) {
        i = 1;
        if (symbol('(')) {
            i = closing(i - 1) + 1;
        }
        accept("verbose");
        String what = i < t.size() && t.get(i).type() == Token.Type.WORD ? t.get(i).name() : "";
        boolean postgresForm = List.of("index", "table", "schema", "database", "system").contains(what);
        if (postgresForm) {
            i++;
        }
        b.concurrently = accept("concurrently");
        Optional<String> target = qualifiedName();
        if (what.equals("table")) {
            b.table = target;
        } else if (what.equals("index")) {
            target.ifPresent(b.indexNames::add);
        } else if (!postgresForm) {
            // SQLite's REINDEX name: a table, an index or a collation; lint cannot tell which offline.
            target.ifPresent(b.indexNames::add);
        }
        return b.build(StatementKind.REINDEX);
    }

    private ParsedStatement alter(Builder b) {
        i = 1;
        if (accept("index")) {
            if (accept("if")) {
                accept("exists");
            }
            Optional<String> from = qualifiedName();
            // ALTER INDEX a RENAME TO b: both names, old first, so the index timeline can follow the rename.
            if (from.isPresent() && accept("rename") && accept("to")) {
                b.indexNames.add(from.get());
                qualifiedName().ifPresent(b.indexNames::add);
            }
            return b.build(StatementKind.OTHER_INDEX);
        }
        if (!accept("table")) {
            return b.build(StatementKind.OTHER);
        }
        accept("if");
        accept("exists");
        accept("only");
        b.table = qualifiedName();
        if (accept("add")) {
            accept("column");
            if (accept("if")) {
                accept("not");
                accept("exists");
            }
            if (i + 1 < t.size() && t.get(i).isName() && !isConstraint(t.get(i))) {
                b.columns.put(t.get(i).name(), t.get(i + 1).name());
            }
        }
        return b.build(StatementKind.TABLE_CHANGE);
    }

    /** A possibly schema-qualified name; the last part is returned (lint works within one schema). */
    private Optional<String> qualifiedName() {
        if (i >= t.size() || !t.get(i).isName()) {
            return Optional.empty();
        }
        String name = t.get(i++).name();
        while (i + 1 < t.size() && t.get(i).isSymbol('.') && t.get(i + 1).isName()) {
            name = t.get(i + 1).name();
            i += 2;
        }
        return Optional.of(name);
    }

    /** Reads a parenthesised, comma-separated list whose '(' was just accepted, as canonical texts. */
    private List<String> elements() {
        int close = closing(i - 1);
        List<String> out = new ArrayList<>();
        int start = i;
        int depth = 0;
        for (int k = i; k < close; k++) {
            Token tok = t.get(k);
            if (tok.isSymbol('(')) {
                depth++;
            } else if (tok.isSymbol(')')) {
                depth--;
            } else if (tok.isSymbol(',') && depth == 0) {
                out.add(canonical(start, k));
                start = k + 1;
            }
        }
        if (close > start) {
            out.add(canonical(start, close));
        }
        i = Math.min(close + 1, t.size());
        return out;
    }

    private List<List<Token>> split(int close) {
        List<List<Token>> out = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0;
        for (int k = i; k < close; k++) {
            Token tok = t.get(k);
            if (tok.isSymbol('(')) {
                depth++;
            } else if (tok.isSymbol(')')) {
                depth--;
            }
            if (tok.isSymbol(',') && depth == 0) {
                out.add(current);
                current = new ArrayList<>();
            } else {
                current.add(tok);
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        i = Math.min(close + 1, t.size());
        return out;
    }

    /** The index of the ')' matching the '(' at {@code open}, or the end of the tokens. */
    private int closing(int open) {
        int depth = 0;
        for (int k = open; k < t.size(); k++) {
            if (t.get(k).isSymbol('(')) {
                depth++;
            } else if (t.get(k).isSymbol(')')) {
                depth--;
                if (depth == 0) {
                    return k;
                }
            }
        }
        return t.size();
    }

    /**
     * Tokens as one canonical text, so that two spellings of one column list or predicate compare equal: words
     * lower case, one space between tokens, none inside parentheses, before commas, around {@code .} and
     * {@code ::}, between a function name and its {@code (}, or between two symbols.
     */
    private String canonical(int from, int to) {
        StringBuilder sb = new StringBuilder();
        Token previous = null;
        for (int k = from; k < to && k < t.size(); k++) {
            Token tok = t.get(k);
            boolean tight = previous == null
                    || previous.isSymbol('(') || previous.isSymbol('.') || previous.isSymbol(':')
                    || tok.isSymbol(')') || tok.isSymbol(',') || tok.isSymbol('.') || tok.isSymbol(':')
                    || (tok.isSymbol('(') && previous.type() != Token.Type.SYMBOL)
                    || (previous.type() == Token.Type.SYMBOL && tok.type() == Token.Type.SYMBOL);
            if (!tight) {
                sb.append(' ');
            }
            sb.append(tok.canonical());
            previous = tok;
        }
        return sb.toString();
    }

    private boolean accept(String word) {
        if (i < t.size() && t.get(i).is(word)) {
            i++;
            return true;
        }
        return false;
    }

    private boolean peek(String word) {
        return i < t.size() && t.get(i).is(word);
    }

    private boolean word(int at, String word) {
        return at < t.size() && t.get(at).is(word);
    }

    private boolean symbol(char c) {
        if (i < t.size() && t.get(i).isSymbol(c)) {
            i++;
            return true;
        }
        return false;
    }

    /** Collects what the reading found; mutable only while one statement is read. */
    private static final class Builder {
        final SqlStatement source;
        final List<Token> tokens;
        Optional<IndexDefinition> index = Optional.empty();
        final List<String> indexNames = new ArrayList<>();
        Optional<String> table = Optional.empty();
        final Map<String, String> columns = new LinkedHashMap<>();
        final List<IndexDefinition> keys = new ArrayList<>();
        boolean concurrently;
        boolean ifExists;

        Builder(SqlStatement source, List<Token> tokens) {
            this.source = source;
            this.tokens = tokens;
        }

        ParsedStatement build(StatementKind kind) {
            return new ParsedStatement(source, kind, tokens, index, indexNames, table, columns, keys, concurrently,
                    ifExists, Set.of());
        }
    }
}
