package dev.idxmig.db.mariadb;

import dev.idxmig.script.SqlStatement;
import dev.idxmig.script.StatementReader;
import dev.idxmig.script.Token;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The "usable" plan on MariaDB: the check's {@code SELECT} with {@code FORCE INDEX (every index of the table)} after
 * each table it reads, which MariaDB documents as "a table scan is assumed to be very expensive" while every index
 * stays a choice. The analogue of PostgreSQL's {@code enable_seqscan = off}, for one statement, without changing a
 * setting. Pure: the indexes of each table are given ({@link #tables} says which tables to look up), so the
 * rewrite is tested without a server.
 *
 * <p>Only {@code SELECT} (and {@code WITH ... SELECT}) statements are rewritten: MariaDB takes no index hint in a
 * single-table {@code UPDATE} or {@code DELETE}. A table reference that already carries a hint, names a derived table
 * or a table function, or reads a partition list is left as written; a table without indexes (a CTE's name, say)
 * gets none. The same reading of table references gives what each alias stands for ({@link #aliases}), since
 * MariaDB's plans name a table by its alias.
 */
final class IndexHints {
    private static final Set<String> NOT_AN_ALIAS = Set.of("where", "join", "inner", "left", "right", "cross",
            "natural", "straight_join", "on", "using", "group", "order", "limit", "having", "window", "union",
            "except", "intersect", "for", "lock", "into", "use", "ignore", "force", "partition", "procedure",
            "offset", "fetch", "returning", "full", "outer");
    private static final Set<String> HINTS = Set.of("use", "ignore", "force");

    private IndexHints() {
    }

    /** A table the statement reads, as written ({@code db} is empty when unqualified). */
    record TableRef(Optional<String> database, String table) {
    }

    /** Whether the statement can take index hints: a {@code SELECT}, {@code WITH ... SELECT} or {@code (SELECT ...)}. */
    static boolean applies(String sql) {
        return applies(tokens(sql));
    }

    private static boolean applies(List<Token> t) {
        return !t.isEmpty() && (t.get(0).is("SELECT") || t.get(0).is("WITH") || t.get(0).isSymbol('('));
    }

    /** The tables the statement reads that could take a hint, in order, each once. */
    static List<TableRef> tables(String sql) {
        return references(sql).stream().map(Reference::table).distinct().collect(Collectors.toList());
    }

    /**
     * The statement with every table reference forced onto its indexes ({@code indexes}: by table, as
     * {@link #tables} gives them); empty when the statement cannot take hints or no table it reads has an index.
     */
    static Optional<String> forceIndexes(String sql, Map<TableRef, List<String>> indexes) {
        StringBuilder out = new StringBuilder(sql);
        boolean any = false;
        List<Reference> refs = references(sql);
        for (int k = refs.size() - 1; k >= 0; k--) {
            List<String> names = indexes.getOrDefault(refs.get(k).table(), List.of());
            if (!names.isEmpty()) {
                out.insert(refs.get(k).end(), " FORCE INDEX (" + names.stream().map(IndexHints::quote)
                        .collect(Collectors.joining(", ")) + ")");
                any = true;
            }
        }
        return any ? Optional.of(out.toString()) : Optional.empty();
    }

    private static List<Token> tokens(String sql) {
        return StatementReader.read(new SqlStatement(sql, 1, 1)).tokens();
    }

    /** Every table reference that can take a hint: those of a SELECT without the author's own hint. */
    private static List<Reference> references(String sql) {
        List<Token> t = tokens(sql);
        return applies(t) ? scan(sql, t).stream().filter(r -> !r.hinted()).collect(Collectors.toList()) : List.of();
    }

    /**
     * What each alias of the statement stands for ({@code t} in {@code FROM tasks t}): MariaDB's plans name a table
     * by its alias. An alias given to two different tables (in two subqueries) is left out.
     */
    static Map<String, String> aliases(String sql) {
        Map<String, String> found = new HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        for (Reference r : scan(sql, tokens(sql))) {
            r.alias().ifPresent(alias -> {
                String before = found.putIfAbsent(alias, r.table().table());
                if (before != null && !before.equals(r.table().table())) {
                    ambiguous.add(alias);
                }
            });
        }
        ambiguous.forEach(found::remove);
        return found;
    }

    /** Every table reference, wherever a FROM or JOIN introduces one (or an UPDATE that begins the statement). */
    private static List<Reference> scan(String sql, List<Token> t) {
        List<Reference> found = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            boolean from = t.get(i).is("FROM");
            if (from || t.get(i).is("JOIN") || t.get(i).is("STRAIGHT_JOIN") || (i == 0 && t.get(i).is("UPDATE"))) {
                found.addAll(referencesAt(sql, t, i + 1, from));
            }
        }
        return found;
    }

    /** The references starting at {@code i}: one after JOIN, a comma-separated list after FROM. */
    private static List<Reference> referencesAt(String sql, List<Token> t, int i, boolean list) {
        List<Reference> found = new ArrayList<>();
        int at = i;
        while (true) {
            Optional<Reference> ref = reference(sql, t, at);
            if (ref.isEmpty()) {
                return found;
            }
            found.add(ref.get());
            at = ref.get().next();
            if (!list || at >= t.size() || !t.get(at).isSymbol(',')) {
                return found;
            }
            at++;
        }
    }

    /**
     * A table reference: its table, its alias, where its text ends (where a hint goes), the token after it, and
     * whether the author already gave it a hint.
     */
    private record Reference(TableRef table, Optional<String> alias, int end, int next, boolean hinted) {
    }

    private static Optional<Reference> reference(String sql, List<Token> t, int i) {
        if (i >= t.size() || !t.get(i).isName() || t.get(i).is("DUAL") || t.get(i).is("LATERAL")) {
            return Optional.empty();
        }
        TableRef table;
        int next;
        if (i + 2 < t.size() && t.get(i + 1).isSymbol('.') && t.get(i + 2).isName()) {
            table = new TableRef(Optional.of(t.get(i).text()), t.get(i + 2).text());
            next = i + 3;
        } else {
            table = new TableRef(Optional.empty(), t.get(i).text());
            next = i + 1;
        }
        if (next < t.size() && (t.get(next).isSymbol('(') || t.get(next).is("PARTITION"))) {
            return Optional.empty(); // a table function, or a partition list: left as written
        }
        int end = t.get(next - 1).endIn(sql);
        if (next < t.size() && t.get(next).is("AS")) {
            next++;
        }
        Optional<String> alias = Optional.empty();
        if (next < t.size() && t.get(next).isName() && !isKeyword(t.get(next))) {
            alias = Optional.of(t.get(next).text());
            end = t.get(next).endIn(sql);
            next++;
        }
        boolean hinted = next + 1 < t.size() && HINTS.contains(word(t.get(next)))
                && (t.get(next + 1).is("INDEX") || t.get(next + 1).is("KEY"));
        return Optional.of(new Reference(table, alias, end, next, hinted));
    }

    /** A bare word that ends a table reference (a quoted {@code `where`} is a name like any other). */
    private static boolean isKeyword(Token token) {
        return token.is(token.text()) && NOT_AN_ALIAS.contains(word(token));
    }

    private static String word(Token token) {
        return token.text().toLowerCase(Locale.ROOT);
    }

    private static String quote(String index) {
        return "`" + index.replace("`", "``") + "`";
    }
}
