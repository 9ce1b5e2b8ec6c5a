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
        int n = script.length();
        int i = 0;
        int line = 1;
        int col = 1;
        int start = -1;
        int startLine = 1;
        int startCol = 1;
        int beginDepth = 0;
        StringBuilder word = new StringBuilder();
        while (i < n) {
            char c = script.charAt(i);
            char next = i + 1 < n ? script.charAt(i + 1) : 0;
            int skipTo = -1;
            if (c == '-' && next == '-') {
                skipTo = indexOrEnd(script, "\n", i);
            } else if (c == '/' && next == '*') {
                skipTo = SqlText.endOfBlockComment(script, i);
            } else if (c == '\'' && escapeString(script, i)) {
                skipTo = endOfEscapeString(script, i);
            } else if (c == '\'' || c == '"' || c == '`') {
                skipTo = SqlText.endOfQuoted(script, i, c);
            } else if (c == '$') {
                int tagEnd = SqlText.dollarTagEnd(script, i);
                if (tagEnd > 0) {
                    String tag = script.substring(i, tagEnd + 1);
                    int close = script.indexOf(tag, tagEnd + 1);
                    skipTo = close < 0 ? n : close + tag.length();
                }
            }
            boolean isCommentStart = (c == '-' && next == '-') || (c == '/' && next == '*');
            if (start < 0 && !Character.isWhitespace(c) && !isCommentStart && c != ';') {
                start = i;
                startLine = line;
                startCol = col;
            }
            if (skipTo > 0) {
                for (int k = i; k < skipTo && k < n; k++) {
                    if (script.charAt(k) == '\n') {
                        line++;
                        col = 1;
                    } else {
                        col++;
                    }
                }
                i = Math.min(skipTo, n);
                beginDepth = flushWord(word, beginDepth, inTrigger(script, start, i));
                continue;
            }
            if (Character.isLetter(c) || c == '_') {
                word.append(c);
            } else {
                beginDepth = flushWord(word, beginDepth, inTrigger(script, start, i));
            }
            if (c == ';' && beginDepth == 0) {
                if (start >= 0) {
                    out.add(new SqlStatement(script.substring(start, i).strip(), startLine, startCol));
                }
                start = -1;
            }
            if (c == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
            i++;
        }
        if (start >= 0) {
            String tail = script.substring(start).strip();
            if (!tail.isEmpty()) {
                out.add(new SqlStatement(tail, startLine, startCol));
            }
        }
        return out;
    }

    /**
     * Statements whose body is a {@code BEGIN ... END} block outside any quotes: SQLite triggers, and PostgreSQL
     * SQL-standard bodies ({@code CREATE FUNCTION ... BEGIN ATOMIC ... END}). A dollar-quoted body is skipped as
     * a string, so its BEGIN is never seen here.
     */
    private static final java.util.regex.Pattern CREATE_TRIGGER = java.util.regex.Pattern.compile(
            "(?i)CREATE\\s+(OR\\s+REPLACE\\s+)?(TEMP\\w*\\s+)?(TRIGGER|FUNCTION|PROCEDURE)\\b");

    private static boolean inTrigger(String script, int start, int at) {
        // A region match, not a substring: this runs for every word, and statements can be megabytes of data.
        return start >= 0 && CREATE_TRIGGER.matcher(script).region(start, at).lookingAt();
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
