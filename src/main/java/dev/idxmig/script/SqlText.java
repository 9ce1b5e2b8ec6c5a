package dev.idxmig.script;

/**
 * Where the parts of SQL text that can hide a semicolon or a keyword end: nested block comments, quoted strings
 * and identifiers, PostgreSQL dollar quotes. Shared by the statement splitter and lint's tokenizer; each returns
 * the text's length when the part is never closed, so a broken script never throws.
 */
public final class SqlText {
    private SqlText() {
    }

    /** The index just after the block comment that opens at {@code from} (comments nest, as in PostgreSQL). */
    public static int endOfBlockComment(String s, int from) {
        int depth = 0;
        int i = from;
        while (i < s.length() - 1) {
            if (s.charAt(i) == '/' && s.charAt(i + 1) == '*') {
                depth++;
                i += 2;
            } else if (s.charAt(i) == '*' && s.charAt(i + 1) == '/') {
                depth--;
                i += 2;
                if (depth == 0) {
                    return i;
                }
            } else {
                i++;
            }
        }
        return s.length();
    }

    /** The index just after the quoted text that opens at {@code from}; a doubled quote is an escaped quote. */
    public static int endOfQuoted(String s, int from, char quote) {
        int i = from + 1;
        while (i < s.length()) {
            if (s.charAt(i) == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return s.length();
    }

    /** The index of the closing {@code $} of a dollar-quote tag starting at {@code from}, or -1. */
    public static int dollarTagEnd(String s, int from) {
        if (from > 0 && (Character.isLetterOrDigit(s.charAt(from - 1)) || s.charAt(from - 1) == '_')) {
            return -1;
        }
        int i = from + 1;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            if (i == from + 1 && Character.isDigit(s.charAt(i))) {
                return -1; // $1 is a parameter, not a tag
            }
            i++;
        }
        return i < s.length() && s.charAt(i) == '$' ? i : -1;
    }
}
