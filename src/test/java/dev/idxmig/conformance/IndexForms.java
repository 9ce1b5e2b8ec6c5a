package dev.idxmig.conformance;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A grammar of index definitions over one table {@code t}, for property tests: every access method a stock server
 * has, expressions (multi-line {@code CASE}, literals holding {@code ;}, quotes, newlines, backslashes, {@code $},
 * unicode and a fake {@code -- index:} line), collations and operator classes, {@code INCLUDE}, storage parameters,
 * {@code NULLS NOT DISTINCT}, predicates PostgreSQL prints differently from how they were written ({@code BETWEEN},
 * {@code LIKE}, time-zone-dependent {@code timestamptz} literals), and quoted names with spaces, dots, quotes and
 * newlines.
 */
final class IndexForms {
    /** The table every generated index is on. */
    static final String POSTGRES_TABLE = """
            CREATE TABLE t (id int PRIMARY KEY, a int, b text, c timestamptz, d jsonb, e int[], f numeric, g boolean,
                            n int)""";
    static final String SQLITE_TABLE = "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER, b TEXT, c TEXT, n INTEGER)";

    /** One generated index: its name (unquoted) and the statement that makes it. */
    record Form(String name, String sql) {
        @Override
        public String toString() {
            return sql;
        }
    }

    private IndexForms() {
    }

    /** 1 to 3 indexes with distinct names, on PostgreSQL of {@code serverVersionNum} (NULLS NOT DISTINCT: 15+). */
    static Arbitrary<List<Form>> postgres(int serverVersionNum) {
        return postgresForm(serverVersionNum >= 150000).list().ofMinSize(1).ofMaxSize(3).uniqueElements(Form::name);
    }

    /** 1 to 3 indexes with distinct names, on SQLite. */
    static Arbitrary<List<Form>> sqlite() {
        return sqliteForm().list().ofMinSize(1).ofMaxSize(3).uniqueElements(Form::name);
    }

    private static Arbitrary<Form> postgresForm(boolean nullsNotDistinct) {
        return Arbitraries.oneOf(btree(nullsNotDistinct), Arbitraries.oneOf(gin(), brin(), hash()));
    }

    private static Arbitrary<Form> btree(boolean nullsNotDistinctExists) {
        Arbitrary<List<String>> keys = btreeKey().list().ofMinSize(1).ofMaxSize(3).uniqueElements();
        return Combinators.combine(names(), Arbitraries.of(false, true), keys, include(), predicate(),
                        Arbitraries.of("", " WITH (fillfactor = 70)"), Arbitraries.of(false, nullsNotDistinctExists))
                .as((name, unique, key, include, where, with, nullsNotDistinct) -> {
                    String uniqueness = unique ? "UNIQUE " : "";
                    String nulls = unique && nullsNotDistinct ? " NULLS NOT DISTINCT" : "";
                    return form(name, uniqueness, "btree", String.join(", ", key) + ")" + include + nulls + with, where);
                });
    }

    private static Arbitrary<Form> gin() {
        return Combinators.combine(names(), Arbitraries.of("d", "d jsonb_path_ops", "e"),
                        Arbitraries.of("", " WITH (fastupdate = off)"), predicate())
                .as((name, key, with, where) -> form(name, "", "gin", key + ")" + with, where));
    }

    private static Arbitrary<Form> brin() {
        return Combinators.combine(names(), Arbitraries.of("c", "a", "n, a"),
                        Arbitraries.of("", " WITH (pages_per_range = 16)"))
                .as((name, key, with) -> form(name, "", "brin", key + ")" + with, ""));
    }

    private static Arbitrary<Form> hash() {
        return Combinators.combine(names(), Arbitraries.of("b", "a", "(lower(b))"), predicate())
                .as((name, key, where) -> form(name, "", "hash", key + ")", where));
    }

    private static Form form(String name, String unique, String method, String rest, String where) {
        return new Form(name, "CREATE " + unique + "INDEX " + quote(name) + " ON t USING " + method + " (" + rest
                + (where.isEmpty() ? "" : " WHERE " + where));
    }

    private static Arbitrary<String> btreeKey() {
        return Arbitraries.of(
                "a", "b", "c", "f", "a DESC", "b DESC NULLS LAST", "n NULLS FIRST", "b COLLATE \"C\"",
                "b text_pattern_ops", "(lower(b))", "(b || E'x;\\ny')", "(b || 'it''s; $$ \\ \u00e9\u6f22')",
                "(CASE WHEN a > 0 THEN 1 ELSE 2 END)", "((d ->> 'k'))", "(timezone('UTC', c))",
                "(coalesce(b, E'\\n-- index: fake\\nCREATE INDEX fake ON t (a);'))");
    }

    private static Arbitrary<String> include() {
        return Arbitraries.of("", "", " INCLUDE (f)", " INCLUDE (g, n)");
    }

    private static Arbitrary<String> predicate() {
        return Arbitraries.of(
                "", "", "", "a IS NOT NULL", "n BETWEEN 1 AND 100 AND b LIKE 'v1%'", "g", "NOT g",
                "c >= '2025-01-01 12:00:00+00'::timestamptz", "b <> 'semi; colon'",
                "b <> E'line\\n-- index: x\\nCREATE INDEX y ON t (a);'", "a = ANY (ARRAY[1, 2, 3])");
    }

    private static Arbitrary<Form> sqliteForm() {
        Arbitrary<List<String>> keys = Arbitraries.of(
                        "a", "b", "c", "a DESC", "b COLLATE NOCASE", "lower(b)", "(b || 'x;' || char(10) || 'y')",
                        "CASE WHEN a > 0 THEN 1 ELSE 2 END", "(coalesce(b, '-- index: fake'))")
                .list().ofMinSize(1).ofMaxSize(3).uniqueElements();
        Arbitrary<String> where = Arbitraries.of("", "", "a IS NOT NULL", "n BETWEEN 1 AND 100 AND b LIKE 'v1%'",
                "b <> 'semi; colon'", "c >= '2025-01-01'");
        return Combinators.combine(names(), Arbitraries.of(false, true), keys, where)
                .as((name, unique, key, w) -> new Form(name, "CREATE " + (unique ? "UNIQUE " : "") + "INDEX "
                        + quote(name) + " ON t (" + String.join(", ", key) + ")" + (w.isEmpty() ? "" : " WHERE " + w)));
    }

    /** Index names: plain, or quoted with spaces, dots, quotes, unicode and (rarely) a newline; at most 40 bytes. */
    static Arbitrary<String> names() {
        Arbitrary<String> plain = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(3).ofMaxLength(12)
                .map(s -> "ix_" + s);
        Arbitrary<String> odd = Combinators.combine(
                        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(8),
                        Arbitraries.of(" ", ".", "\"", "'", ";", "\u00e9", "\u6f22", "$", "\n", "-- "),
                        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8))
                .as((a, mid, b) -> "Ix " + a + mid + b);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, plain), net.jqwik.api.Tuple.of(2, odd));
    }

    static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String describe(List<Form> forms) {
        return forms.stream().map(Form::sql).collect(Collectors.joining(";\n")) + ";";
    }
}
