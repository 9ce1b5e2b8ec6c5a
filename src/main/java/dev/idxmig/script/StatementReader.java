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

    /** Words a statement may begin with, in PostgreSQL or SQLite; any other first word is a syntax error. */
    private static final Set<String> FIRST_WORDS = Set.of("abort", "alter", "analyze", "analyse", "attach", "begin",
            "call", "checkpoint", "close", "cluster", "comment", "commit", "copy", "create", "deallocate", "declare",
            "delete", "detach", "discard", "do", "drop", "end", "execute", "explain", "fetch", "grant", "import",
            "insert", "listen", "load", "lock", "merge", "move", "notify", "prepare", "reassign", "refresh",
            "reindex", "release", "replace", "reset", "revoke", "rollback", "savepoint", "security", "select",
            "set", "show", "start", "table", "truncate", "unlisten", "update", "upsert", "vacuum", "values", "with",
            "pragma");

    /** What may follow CREATE (after OR REPLACE, TEMP, UNLOGGED and the like). */
    private static final Set<String> CREATE_OBJECTS = Set.of("access", "aggregate", "cast", "collation",
            "conversion", "database", "domain", "event", "extension", "foreign", "function", "group", "index",
            "language", "materialized", "operator", "policy", "procedure", "publication", "role", "rule", "schema",
            "sequence", "server", "statistics", "subscription", "table", "tablespace", "text", "transform",
            "trigger", "type", "user", "view", "virtual", "constraint", "default", "trusted", "procedural",
            "recursive", "unique");

    /** What may follow DROP. */
    private static final Set<String> DROP_OBJECTS = Set.of("access", "aggregate", "cast", "collation", "conversion",
            "database", "domain", "event", "extension", "foreign", "function", "group", "index", "language",
            "materialized", "operator", "owned", "policy", "procedure", "publication", "role", "routine", "rule",
            "schema", "sequence", "server", "statistics", "subscription", "table", "tablespace", "text", "transform",
            "trigger", "type", "user", "view");

    private ParsedStatement statement(SqlStatement source) {
        Builder b = new Builder(source, t);
        if (t.isEmpty()) {
            return b.build(StatementKind.OTHER);
        }
        checkBalance(b);
        Token first = t.get(0);
        String w = first.type() == Token.Type.WORD ? first.name() : "";
        if (!w.isEmpty() && !FIRST_WORDS.contains(w)) {
            b.error(0, "'" + first.text() + "' does not begin any SQL statement");
        } else if (w.isEmpty() && !first.isSymbol('(')) {
            b.error(0, "a statement cannot begin with " + first.text());
        }
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
            case "abort":
                return b.build(StatementKind.TRANSACTION);
            case "comment":
                return b.build(word(1, "on") && word(2, "index") ? StatementKind.OTHER_INDEX : StatementKind.OTHER);
            default:
                return b.build(StatementKind.OTHER);
        }
    }

    /** Parentheses that never close or close what never opened, and strings that never end. */
    private void checkBalance(Builder b) {
        List<Integer> open = new ArrayList<>();
        for (int k = 0; k < t.size(); k++) {
            Token tok = t.get(k);
            if (tok.isSymbol('(')) {
                open.add(k);
            } else if (tok.isSymbol(')')) {
                if (open.isEmpty()) {
                    b.error(k, "')' closes no parenthesis");
                    return;
                }
                open.remove(open.size() - 1);
            } else if (tok.type() == Token.Type.STRING && unterminated(tok.text())) {
                b.error(k, "the string that starts here never ends");
                return;
            }
        }
        if (!open.isEmpty()) {
            b.error(open.get(open.size() - 1), "the parenthesis opened here is never closed");
        }
    }

    private static boolean unterminated(String s) {
        if (s.startsWith("$")) {
            String tag = s.substring(0, s.indexOf('$', 1) + 1);
            return s.length() < 2 * tag.length() || !s.endsWith(tag);
        }
        return s.length() < 2 || !s.endsWith("'") || (s.length() == 2 && (s.charAt(0) == 'E' || s.charAt(0) == 'e'));
    }

    private ParsedStatement create(Builder b) {
        i = 1;
        if (accept("or")) {
            accept("replace");
        }
        boolean unique = accept("unique");
        if (!unique && (peek("fulltext") || peek("spatial")) && word(i + 1, "index")) {
            i++; // MariaDB's and MySQL's CREATE FULLTEXT|SPATIAL INDEX: an index statement like any other
        }
        if (peek("concurrently") && word(i + 1, "index")) {
            b.error(i, "CONCURRENTLY goes after INDEX: CREATE " + (unique ? "UNIQUE " : "") + "INDEX CONCURRENTLY");
            i++;
        }
        if (accept("index")) {
            b.unique = unique;
            return createIndex(b, unique);
        }
        if (unique) {
            b.error(i, "expected INDEX after CREATE UNIQUE");
            return b.build(StatementKind.OTHER);
        }
        while (accept("global") || accept("local") || accept("temp") || accept("temporary") || accept("unlogged")) {
            // modifiers of CREATE TABLE
        }
        if (accept("table")) {
            return createTable(b);
        }
        if (i < t.size() && !CREATE_OBJECTS.contains(t.get(i).name())) {
            b.error(i, "CREATE " + t.get(i).text() + " is not something PostgreSQL or SQLite can create");
        }
        return b.build(StatementKind.OTHER);
    }

    private ParsedStatement createIndex(Builder b, boolean unique) {
        Optional<String> name = indexHead(b, unique);
        if (name.isEmpty()) {
            return b.build(StatementKind.CREATE_INDEX);
        }
        accept("only");
        int tableAt = i;
        Optional<String> table = qualifiedName();
        if (table.isEmpty()) {
            b.error(tableAt, "expected the table name after ON");
            return b.build(StatementKind.CREATE_INDEX);
        }
        b.table = table;
        b.target = Optional.of(new ParsedStatement.Span(tableAt, i));
        String method = "btree";
        if (accept("using") && i < t.size()) {
            method = t.get(i++).name();
        }
        if (!symbol('(')) {
            b.error(i, "expected the parenthesised column list after " + (method.equals("btree") ? "the table name"
                    : "USING " + method));
            return b.build(StatementKind.CREATE_INDEX);
        }
        List<String> columns = elements();
        List<String> include = List.of();
        if (accept("include") && symbol('(')) {
            include = elements();
        }
        b.index = Optional.of(new IndexDefinition(name.get(), table.get(), columns, unique, method, include,
                predicate(), b.concurrently, b.guard == Guard.IF_NOT_EXISTS));
        return b.build(StatementKind.CREATE_INDEX);
    }

    /**
     * {@code CREATE [UNIQUE] INDEX} up to and with {@code ON}: CONCURRENTLY, IF NOT EXISTS and the index's name
     * (empty when it has none); empty, with the error recorded, where the statement stops making sense.
     */
    private Optional<String> indexHead(Builder b, boolean unique) {
        b.concurrently = accept("concurrently");
        if (accept("if")) {
            if (!(accept("not") && accept("exists"))) {
                b.error(i, "expected IF NOT EXISTS");
                return Optional.empty();
            }
            b.guard = Guard.IF_NOT_EXISTS;
        }
        if (peek("concurrently")) {
            b.error(i, "CONCURRENTLY must come before IF NOT EXISTS: CREATE " + (unique ? "UNIQUE " : "")
                    + "INDEX CONCURRENTLY IF NOT EXISTS (PostgreSQL rejects this order)");
            return Optional.empty();
        }
        String name = "";
        if (!peek("on")) {
            int at = i;
            name = qualifiedName().orElse("");
            if (name.isEmpty()) {
                b.error(at, "expected an index name or ON after CREATE INDEX");
                return Optional.empty();
            }
        }
        if (!accept("on")) {
            b.error(i, "expected ON <table> after the index name");
            return Optional.empty();
        }
        return Optional.of(name);
    }

    /** The canonical text of a {@code WHERE} clause, if one follows; skips what comes before it. */
    private Optional<String> predicate() {
        while (i < t.size()) {
            if (accept("where")) {
                return Optional.of(canonical(i, t.size()));
            }
            i++;
        }
        return Optional.empty();
    }

    private ParsedStatement createTable(Builder b) {
        if (accept("if") && accept("not") && accept("exists")) {
            b.guard = Guard.IF_NOT_EXISTS;
        }
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

    /** {@code USING INDEX name} (an existing index), not {@code USING INDEX TABLESPACE t} (where to build one). */
    private static boolean attachesIndex(List<Token> key) {
        for (int k = 0; k + 2 < key.size(); k++) {
            if (key.get(k).is("using") && key.get(k + 1).is("index") && !key.get(k + 2).is("tablespace")) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(List<Token> element, String word, String next) {
        int depth = 0;
        for (int k = 0; k < element.size(); k++) {
            Token tok = element.get(k);
            if (tok.isSymbol('(')) {
                depth++;
            } else if (tok.isSymbol(')')) {
                depth--;
            } else if (depth == 0 && tok.is(word)
                    && (next == null || (k + 1 < element.size() && element.get(k + 1).is(next)))) {
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
            if (i < t.size() && !DROP_OBJECTS.contains(t.get(i).name())) {
                b.error(i, "DROP " + t.get(i).text() + " is not something PostgreSQL or SQLite can drop");
            }
            return b.build(StatementKind.OTHER);
        }
        b.concurrently = accept("concurrently");
        if (accept("if")) {
            if (!accept("exists")) {
                b.error(i, "expected IF EXISTS");
                return b.build(StatementKind.DROP_INDEX);
            }
            b.guard = Guard.IF_EXISTS;
        }
        if (peek("concurrently")) {
            b.error(i, "CONCURRENTLY must come before IF EXISTS: DROP INDEX CONCURRENTLY IF EXISTS "
                    + "(PostgreSQL rejects this order)");
            return b.build(StatementKind.DROP_INDEX);
        }
        int first = i;
        do {
            int at = i;
            Optional<String> name = qualifiedName();
            if (name.isEmpty()) {
                b.error(at, "expected an index name");
                break;
            }
            name.ifPresent(b.indexNames::add);
            if (b.target.isEmpty()) {
                b.target = Optional.of(new ParsedStatement.Span(first, i));
            }
        } while (symbol(','));
        return b.build(StatementKind.DROP_INDEX);
    }

    private ParsedStatement reindex(Builder b) {
        i = 1;
        if (symbol('(')) {
            // PostgreSQL 14+: REINDEX (CONCURRENTLY [boolean], VERBOSE, TABLESPACE t) TABLE x
            for (List<Token> option : split(closing(i - 1))) {
                if (!option.isEmpty() && option.get(0).is("concurrently")) {
                    b.concurrently = option.size() == 1 || !(option.get(1).is("false") || option.get(1).is("off")
                            || option.get(1).text().equals("0"));
                }
            }
        }
        accept("verbose");
        String what = i < t.size() && t.get(i).type() == Token.Type.WORD ? t.get(i).name() : "";
        if (what.equals("concurrently") && i + 1 < t.size()
                && List.of("index", "table", "schema", "database", "system").contains(t.get(i + 1).name())) {
            b.error(i, "CONCURRENTLY goes after the object type: REINDEX " + t.get(i + 1).text().toUpperCase(
                    java.util.Locale.ROOT) + " CONCURRENTLY, or REINDEX (CONCURRENTLY) " + t.get(i + 1).text()
                    .toUpperCase(java.util.Locale.ROOT));
            return b.build(StatementKind.REINDEX);
        }
        boolean postgresForm = List.of("index", "table", "schema", "database", "system").contains(what);
        if (postgresForm) {
            i++;
        }
        b.concurrently |= accept("concurrently");
        int at = i;
        Optional<String> target = qualifiedName();
        if (target.isPresent()) {
            b.target = Optional.of(new ParsedStatement.Span(at, i));
        }
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
        if (accept("if")) {
            accept("exists");
        }
        accept("only");
        b.table = qualifiedName();
        symbol('*');
        List<List<Token>> actions = split(t.size());
        if (!actions.isEmpty() && actions.stream().allMatch(StatementReader::indexAction)) {
            return b.build(StatementKind.OTHER_INDEX); // MariaDB/MySQL: ALTER TABLE t ADD INDEX ..., DROP KEY ...
        }
        for (List<Token> action : actions) {
            action(b, action);
        }
        return b.build(StatementKind.TABLE_CHANGE);
    }

    /**
     * An ALTER TABLE action of MariaDB and MySQL that changes only indexes: {@code ADD INDEX|KEY},
     * {@code ADD [UNIQUE] FULLTEXT|SPATIAL [INDEX|KEY]}, {@code ADD UNIQUE INDEX|KEY}, {@code DROP INDEX|KEY},
     * {@code RENAME INDEX|KEY}, and the {@code ALGORITHM} and {@code LOCK} options.
     */
    private static boolean indexAction(List<Token> a) {
        if (a.isEmpty()) {
            return false;
        }
        Token first = a.get(0);
        Token second = a.size() > 1 ? a.get(1) : null;
        if (first.is("algorithm") || first.is("lock")) {
            return true;
        }
        if ((first.is("drop") || first.is("rename")) && second != null && (second.is("index") || second.is("key"))) {
            return true;
        }
        if (!first.is("add") || second == null) {
            return false;
        }
        if (second.is("index") || second.is("key") || second.is("fulltext") || second.is("spatial")) {
            return true;
        }
        return second.is("unique") && a.size() > 2 && (a.get(2).is("index") || a.get(2).is("key"));
    }

    /** One action of an ALTER TABLE: the columns ADD COLUMN declares, the indexes ADD of a key builds. */
    private void action(Builder b, List<Token> a) {
        if (a.isEmpty() || !a.get(0).is("add")) {
            return;
        }
        int k = 1;
        Optional<String> constraint = Optional.empty();
        if (k + 1 < a.size() && a.get(k).is("constraint")) {
            constraint = Optional.of(a.get(k + 1).name());
            k += 2;
        }
        List<Token> rest = a.subList(Math.min(k, a.size()), a.size());
        Optional<ConstraintIndex.Kind> kind = rest.isEmpty() ? Optional.empty() : constraintKind(rest.get(0));
        if (kind.isPresent()) {
            boolean exclude = kind.get() == ConstraintIndex.Kind.EXCLUDE;
            if (!exclude && attachesIndex(rest)) {
                return; // ADD CONSTRAINT c UNIQUE USING INDEX existing: attaches a built index
            }
            List<String> columns = exclude ? List.of() : keyColumns(rest).orElse(List.of());
            b.constraintIndexes.add(b.constraintIndex(kind.get(), constraint, columns, false, a.get(0)));
            return;
        }
        if (constraint.isPresent() || (!rest.isEmpty() && isConstraint(rest.get(0)))) {
            return; // CHECK, FOREIGN KEY: no index
        }
        if (!rest.isEmpty() && rest.get(0).is("column")) {
            rest = rest.subList(1, rest.size());
        }
        if (rest.size() >= 3 && rest.get(0).is("if") && rest.get(1).is("not") && rest.get(2).is("exists")) {
            rest = rest.subList(3, rest.size());
        }
        if (rest.size() >= 2 && rest.get(0).isName()) {
            String column = rest.get(0).name();
            b.columns.put(column, rest.get(1).name());
            List<Token> constraints = rest.subList(2, rest.size());
            if (has(constraints, "primary", "key")) {
                b.constraintIndexes.add(b.constraintIndex(ConstraintIndex.Kind.PRIMARY_KEY, Optional.empty(),
                        List.of(column), true, a.get(0)));
            } else if (has(constraints, "unique", null)) {
                b.constraintIndexes.add(b.constraintIndex(ConstraintIndex.Kind.UNIQUE, Optional.empty(),
                        List.of(column), true, a.get(0)));
            }
        }
    }

    /** The constraint an {@code ADD [CONSTRAINT c]} action's first word starts, if it builds an index. */
    private static Optional<ConstraintIndex.Kind> constraintKind(Token first) {
        return first.is("unique") ? Optional.of(ConstraintIndex.Kind.UNIQUE)
                : first.is("primary") ? Optional.of(ConstraintIndex.Kind.PRIMARY_KEY)
                : first.is("exclude") ? Optional.of(ConstraintIndex.Kind.EXCLUDE) : Optional.empty();
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
        boolean unique;
        Optional<ParsedStatement.Span> target = Optional.empty();
        final List<ConstraintIndex> constraintIndexes = new ArrayList<>();
        Optional<SyntaxError> syntaxError = Optional.empty();
        Optional<IndexDefinition> index = Optional.empty();
        final List<String> indexNames = new ArrayList<>();
        Optional<String> table = Optional.empty();
        final Map<String, String> columns = new LinkedHashMap<>();
        final List<IndexDefinition> keys = new ArrayList<>();
        boolean concurrently;
        Guard guard = Guard.NONE;

        Builder(SqlStatement source, List<Token> tokens) {
            this.source = source;
            this.tokens = tokens;
        }

        ParsedStatement build(StatementKind kind) {
            return new ParsedStatement(source, kind, tokens, index, indexNames, table, columns, keys, concurrently,
                    guard, Set.of(), unique, target, constraintIndexes, syntaxError);
        }

        /** Records the first syntax error, at token {@code at} (or the statement's end). */
        void error(int at, String message) {
            if (syntaxError.isEmpty()) {
                int offset = at < tokens.size() ? tokens.get(at).offset() : source.sql().stripTrailing().length();
                int[] where = where(offset);
                syntaxError = Optional.of(new SyntaxError(message, where[0], where[1]));
            }
        }

        ConstraintIndex constraintIndex(ConstraintIndex.Kind kind, Optional<String> constraint, List<String> columns,
                                        boolean addsColumn, Token at) {
            int[] where = where(at.offset());
            return new ConstraintIndex(kind, constraint, columns, addsColumn, where[0], where[1]);
        }

        /** Line and column in the script of an offset in the statement. */
        private int[] where(int offset) {
            return new int[] {source.lineAt(offset), source.columnAt(offset)};
        }
    }
}
