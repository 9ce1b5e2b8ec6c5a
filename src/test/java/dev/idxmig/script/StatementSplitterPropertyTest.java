package dev.idxmig.script;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Statements written one after another, each with text that hides semicolons (strings, quoted names, E-strings,
 * dollar quotes, both kinds of comment), come back from the splitter as written, each with the line and column
 * where it starts.
 */
@Tag("unit")
class StatementSplitterPropertyTest {
    @Property(tries = 300, seed = "20261207")
    void whatIsWrittenIsWhatIsSplit(@ForAll("scripts") List<List<String>> statements,
            @ForAll("gaps") List<String> gaps) {
        StringBuilder script = new StringBuilder();
        List<SqlStatement> expected = new ArrayList<>();
        for (int k = 0; k < statements.size(); k++) {
            script.append(gaps.get(k % gaps.size()));
            String text = String.join(" ", statements.get(k));
            expected.add(new SqlStatement(text, lineAt(script), columnAt(script)));
            script.append(text).append(";");
        }
        assertEquals(expected, StatementSplitter.split(script.toString()), script.toString());
    }

    @Provide
    Arbitrary<List<List<String>>> scripts() {
        Arbitrary<String> first = Arbitraries.of("SELECT", "INSERT", "UPDATE", "DELETE", "ALTER", "DROP");
        Arbitrary<List<String>> rest = piece().list().ofMaxSize(6);
        Arbitrary<List<String>> statement = Combinators.combine(first, rest).as((f, r) -> {
            List<String> all = new ArrayList<>(List.of(f));
            all.addAll(r);
            all.add("x"); // never ends on a line comment, whose newline the splitter would strip
            return all;
        });
        return statement.list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<List<String>> gaps() {
        return Arbitraries.of("", "\n", "\n\n  ", "-- a; comment\n", "/* a; /* nested; */ comment */\n", "\t")
                .list().ofMinSize(1).ofMaxSize(4);
    }

    private static Arbitrary<String> piece() {
        Arbitrary<String> inner = Arbitraries.strings().withChars("ab;'\"$\n -*/").ofMaxLength(8);
        return Arbitraries.oneOf(
                Arbitraries.of("t", "a1", "_x", "(1, 2)", "=", "42", "$1", "tags[1]"),
                inner.map(s -> "'" + s.replace("'", "''") + "'"),
                inner.map(s -> "\"" + s.replace("\"", "\"\"") + "\""),
                inner.map(s -> "E'" + s.replace("'", "\\'") + "'"),
                inner.filter(s -> !s.contains("$q$")).map(s -> "$q$" + s + "$q$"),
                inner.map(s -> "/*" + s.replace("*", "").replace("/", "") + "*/"), // '/' or '*' beside a mark nests
                inner.map(s -> "--" + s.replace("\n", "") + "\n"));
    }

    private static int lineAt(CharSequence text) {
        return 1 + (int) text.chars().filter(c -> c == '\n').count();
    }

    private static int columnAt(CharSequence text) {
        String s = text.toString();
        return s.length() - s.lastIndexOf('\n');
    }
}
