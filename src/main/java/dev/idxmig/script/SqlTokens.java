package dev.idxmig.script;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * A tolerant tokenizer for one statement: it knows comments, quoted strings and identifiers and PostgreSQL
 * dollar quotes, and nothing of grammar, so no statement can make it fail. Lint's rules only need the few
 * words at the start of a statement and the parenthesised column lists; a full SQL grammar (JSqlParser was
 * tried) rejects whole statements it does not know, which is worse than a partial reading here.
 */
public final class SqlTokens {
    private final List<Token> tokens = new ArrayList<>();
    private final List<String> comments = new ArrayList<>();
    /** How many PostgreSQL array brackets ({@code ARRAY[}, {@code a[1]}) are open: inside one, {@code [} nests. */
    private int openArrays;

    private SqlTokens() {
    }

    static List<Token> of(String sql) {
        return scan(sql).tokens;
    }

    /** The text of every comment in the SQL, without its {@code --} or {@code /* *}{@code /} marks. */
    public static List<String> comments(String sql) {
        return scan(sql).comments;
    }

    private static SqlTokens scan(String s) {
        SqlTokens out = new SqlTokens();
        int i = 0;
        while (i < s.length()) {
            i = out.next(s, i);
        }
        return out;
    }

    /** Reads the token or comment that starts at {@code i} (or skips one space) and returns where the next starts. */
    private int next(String s, int i) {
        char c = s.charAt(i);
        if (Character.isWhitespace(c)) {
            return i + 1;
        }
        if (s.startsWith("--", i) || s.startsWith("/*", i)) {
            return comment(s, i);
        }
        if (c == '\'') {
            return add(Token.Type.STRING, s, i, SqlText.endOfQuoted(s, i, '\''));
        }
        if ((c == 'E' || c == 'e') && s.startsWith("'", i + 1)) {
            return add(Token.Type.STRING, s, i, endOfEscapeString(s, i));
        }
        if (c == '[' && opensArray(s, i)) {
            openArrays++;
            return add(Token.Type.SYMBOL, s, i, i + 1);
        }
        if (c == ']' && openArrays > 0) {
            openArrays--;
            return add(Token.Type.SYMBOL, s, i, i + 1);
        }
        if (c == '"' || c == '`' || c == '[') {
            return quotedIdentifier(s, i, c == '[' ? ']' : c);
        }
        if (c == '$' && SqlText.dollarTagEnd(s, i) > 0) {
            return add(Token.Type.STRING, s, i, endOfDollarQuote(s, i));
        }
        if (Character.isLetter(c) || c == '_') {
            return add(Token.Type.WORD, s, i, endOfRun(s, i, SqlTokens::wordPart));
        }
        if (Character.isDigit(c)) {
            return add(Token.Type.NUMBER, s, i, endOfRun(s, i, ch -> Character.isLetterOrDigit(ch) || ch == '.'));
        }
        return add(Token.Type.SYMBOL, s, i, i + 1);
    }

    private int add(Token.Type type, String s, int from, int end) {
        tokens.add(new Token(type, s.substring(from, end), from));
        return end;
    }

    private int comment(String s, int i) {
        if (s.startsWith("--", i)) {
            int end = s.indexOf('\n', i);
            end = end < 0 ? s.length() : end;
            comments.add(s.substring(i + 2, end));
            return end;
        }
        int end = SqlText.endOfBlockComment(s, i);
        comments.add(s.substring(i + 2, Math.max(i + 2, end - 2)));
        return end;
    }

    private int quotedIdentifier(String s, int i, char close) {
        int end = SqlText.endOfQuoted(s, i, close);
        String inner = s.substring(i + 1, Math.max(i + 1, end - 1));
        tokens.add(new Token(Token.Type.QUOTED, inner.replace("" + close + close, "" + close), i));
        return end;
    }

    /** {@code E'...'}: backslash escapes, so {@code \'} does not end the string. */
    private static int endOfEscapeString(String s, int i) {
        int end = i + 2;
        while (end < s.length() && s.charAt(end) != '\'') {
            end += s.charAt(end) == '\\' ? 2 : 1;
        }
        return Math.min(s.length(), end + 1);
    }

    private static int endOfDollarQuote(String s, int i) {
        int tagEnd = SqlText.dollarTagEnd(s, i);
        String tag = s.substring(i, tagEnd + 1);
        int close = s.indexOf(tag, tagEnd + 1);
        return close < 0 ? s.length() : close + tag.length();
    }

    private static boolean wordPart(int ch) {
        return Character.isLetterOrDigit(ch) || ch == '_' || ch == '$';
    }

    private static int endOfRun(String s, int i, IntPredicate part) {
        int end = i + 1;
        while (end < s.length() && part.test(s.charAt(end))) {
            end++;
        }
        return end;
    }

    /**
     * Whether the {@code [} at {@code i} is PostgreSQL's array bracket rather than a bracket-quoted identifier as
     * SQLite reads {@code [name]}: after the word ARRAY, inside another array bracket, or right after an
     * expression with no space between ({@code tags[1]}, {@code (f(x))[1]}, {@code "a"[2]}). SQLite has no arrays,
     * and nobody writes {@code CREATE TABLE[t]}.
     */
    private boolean opensArray(String s, int i) {
        if (openArrays > 0) {
            return true;
        }
        if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).is("ARRAY")) {
            return true;
        }
        char before = i > 0 ? s.charAt(i - 1) : ' ';
        return Character.isLetterOrDigit(before) || before == '_' || before == '"' || before == ')' || before == ']';
    }
}
