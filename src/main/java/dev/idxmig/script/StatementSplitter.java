package dev.idxmig.script;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL script into statements on top-level semicolons. It understands what can hide a semicolon:
 * {@code --} and nested {@code /* *}{@code /} comments, quoted strings and identifiers, PostgreSQL
 * dollar-quoted bodies ({@code $$...$$}, {@code $tag$...$tag$}) and {@code BEGIN ... END} trigger bodies
 * in SQLite. It never fails: unterminated text becomes the last statement.
 */
public final class StatementSplitter {
    private StatementSplitter() {
    }

    public static List<SqlStatement> split(String script) {
        List<SqlStatement> out = new ArrayList<>();
        Position at = new Position(script);
        Position start = null;
        int beginDepth = 0;
        StringBuilder word = new StringBuilder();
        while (at.i < script.length()) {
            char c = script.charAt(at.i);
            if (start == null && !Character.isWhitespace(c) && !commentStart(script, at.i) && c != ';') {
                start = at.copy();
            }
            int skipTo = endOfHidingText(script, at.i);
            if (skipTo > 0) {
                at.moveTo(skipTo);
                beginDepth = flushWord(word, beginDepth, inTrigger(script, start, at.i));
                continue;
            }
            if (Character.isLetter(c) || c == '_') {
                word.append(c);
            } else {
                beginDepth = flushWord(word, beginDepth, inTrigger(script, start, at.i));
            }
            if (c == ';' && beginDepth == 0) {
                addStatement(out, script, start, at.i);
                start = null;
            }
            at.moveTo(at.i + 1);
        }
        addStatement(out, script, start, script.length());
        return out;
    }

    /** A place in the script: the character index, and the line and column an editor shows for it. */
    private static final class Position {
        private final String script;
        private int i;
        private int line = 1;
        private int col = 1;

        Position(String script) {
            this.script = script;
        }

        Position copy() {
            Position p = new Position(script);
            p.i = i;
            p.line = line;
            p.col = col;
            return p;
        }

        void moveTo(int end) {
            int to = Math.min(end, script.length());
            for (; i < to; i++) {
                if (script.charAt(i) == '\n') {
                    line++;
                    col = 1;
                } else {
                    col++;
                }
            }
        }
    }

    private static void addStatement(List<SqlStatement> out, String script, Position start, int end) {
        if (start != null) {
            String text = script.substring(start.i, end).strip();
            if (!text.isEmpty()) {
                out.add(new SqlStatement(text, start.line, start.col));
            }
        }
    }

    private static boolean commentStart(String s, int i) {
        return s.startsWith("--", i) || s.startsWith("/*", i);
    }

    /**
     * The end of the comment, quoted string or identifier, or dollar-quoted body that starts at {@code i}, where a
     * semicolon means nothing; -1 when none starts there.
     */
    private static int endOfHidingText(String script, int i) {
        char c = script.charAt(i);
        if (script.startsWith("--", i)) {
            return indexOrEnd(script, "\n", i);
        }
        if (script.startsWith("/*", i)) {
            return SqlText.endOfBlockComment(script, i);
        }
        if (c == '\'' && escapeString(script, i)) {
            return endOfEscapeString(script, i);
        }
        if (c == '\'' || c == '"' || c == '`') {
            return SqlText.endOfQuoted(script, i, c);
        }
        int tagEnd = c == '$' ? SqlText.dollarTagEnd(script, i) : -1;
        if (tagEnd > 0) {
            String tag = script.substring(i, tagEnd + 1);
            int close = script.indexOf(tag, tagEnd + 1);
            return close < 0 ? script.length() : close + tag.length();
        }
        return -1;
    }

    /**
     * Statements whose body is a {@code BEGIN ... END} block outside any quotes: SQLite triggers, and PostgreSQL
     * SQL-standard bodies ({@code CREATE FUNCTION ... BEGIN ATOMIC ... END}). A dollar-quoted body is skipped as
     * a string, so its BEGIN is never seen here.
     */
    private static final java.util.regex.Pattern CREATE_TRIGGER = java.util.regex.Pattern.compile(
            "(?i)CREATE\\s+(OR\\s+REPLACE\\s+)?(TEMP\\w*\\s+)?(TRIGGER|FUNCTION|PROCEDURE)\\b");

    private static boolean inTrigger(String script, Position start, int at) {
        // A region match, not a substring: this runs for every word, and statements can be megabytes of data.
        return start != null && CREATE_TRIGGER.matcher(script).region(start.i, at).lookingAt();
    }

    /** {@code E'...'}: PostgreSQL's string with backslash escapes, where {@code \'} does not end the string. */
    private static boolean escapeString(String s, int quote) {
        if (quote == 0 || (s.charAt(quote - 1) != 'E' && s.charAt(quote - 1) != 'e')) {
            return false;
        }
        return quote == 1 || !(Character.isLetterOrDigit(s.charAt(quote - 2)) || s.charAt(quote - 2) == '_');
    }

    private static int endOfEscapeString(String s, int from) {
        int i = from + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '\'') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return s.length();
    }

    /**
     * Tracks BEGIN ... END blocks of trigger bodies (and CASE ... END inside them), whose inner semicolons do not
     * end the statement. A plain {@code BEGIN;} outside a trigger is a transaction statement and is not counted.
     */
    private static int flushWord(StringBuilder word, int depth, boolean trigger) {
        if (word.length() == 0) {
            return depth;
        }
        String w = word.toString();
        word.setLength(0);
        if (trigger && (w.equalsIgnoreCase("BEGIN") || (depth > 0 && w.equalsIgnoreCase("CASE")))) {
            return depth + 1;
        }
        if (w.equalsIgnoreCase("END") && depth > 0) {
            return depth - 1;
        }
        return depth;
    }

    private static int indexOrEnd(String s, String what, int from) {
        int at = s.indexOf(what, from);
        return at < 0 ? s.length() : at;
    }

}
