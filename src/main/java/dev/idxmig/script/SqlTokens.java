package dev.idxmig.script;


import java.util.ArrayList;
import java.util.List;

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
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            char next = i + 1 < n ? s.charAt(i + 1) : 0;
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && next == '-') {
                int end = s.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.comments.add(s.substring(i + 2, end));
                i = end;
            } else if (c == '/' && next == '*') {
                int end = SqlText.endOfBlockComment(s, i);
                out.comments.add(s.substring(i + 2, Math.max(i + 2, end - 2)));
                i = end;
            } else if (c == '\'') {
                int end = SqlText.endOfQuoted(s, i, '\'');
                out.tokens.add(new Token(Token.Type.STRING, s.substring(i, end), i));
                i = end;
            } else if ((c == 'E' || c == 'e') && next == '\'') {
                // E'...': backslash escapes, so \' does not end the string.
                int end = i + 2;
                while (end < n && s.charAt(end) != '\'') {
                    end += s.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
                out.tokens.add(new Token(Token.Type.STRING, s.substring(i, end), i));
                i = end;
            } else if (c == '[' && out.opensArray(s, i)) {
                out.openArrays++;
                out.tokens.add(new Token(Token.Type.SYMBOL, "[", i));
                i++;
            } else if (c == ']' && out.openArrays > 0) {
                out.openArrays--;
                out.tokens.add(new Token(Token.Type.SYMBOL, "]", i));
                i++;
            } else if (c == '"' || c == '`' || c == '[') {
                char close = c == '[' ? ']' : c;
                int end = SqlText.endOfQuoted(s, i, close);
                String inner = s.substring(i + 1, Math.max(i + 1, end - 1));
                out.tokens.add(new Token(Token.Type.QUOTED, inner.replace("" + close + close, "" + close), i));
                i = end;
            } else if (c == '$' && SqlText.dollarTagEnd(s, i) > 0) {
                int tagEnd = SqlText.dollarTagEnd(s, i);
                String tag = s.substring(i, tagEnd + 1);
                int close = s.indexOf(tag, tagEnd + 1);
                int end = close < 0 ? n : close + tag.length();
                out.tokens.add(new Token(Token.Type.STRING, s.substring(i, end), i));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_'
                        || s.charAt(end) == '$')) {
                    end++;
                }
                out.tokens.add(new Token(Token.Type.WORD, s.substring(i, end), i));
                i = end;
            } else if (Character.isDigit(c)) {
                int end = i + 1;
                while (end < n && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '.')) {
                    end++;
                }
                out.tokens.add(new Token(Token.Type.NUMBER, s.substring(i, end), i));
                i = end;
            } else {
                out.tokens.add(new Token(Token.Type.SYMBOL, String.valueOf(c), i));
                i++;
            }
        }
        return out;
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
