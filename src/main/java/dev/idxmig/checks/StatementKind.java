package dev.idxmig.checks;

import java.util.Locale;
import java.util.Set;

/**
 * Tells a reading statement from a writing one by its first keyword, before anything runs. Deliberately small:
 * the database's read-only transaction is the real guarantee, this only lets idxmig refuse early with a clear
 * message (a {@code WITH ... DELETE} passes here and is then refused by the database).
 */
public final class StatementKind {
    private static final Set<String> READING = Set.of("SELECT", "WITH", "VALUES", "TABLE");

    private StatementKind() {
    }

    public static boolean reads(String sql) {
        return READING.contains(firstKeyword(sql));
    }

    /** The first word outside comments and opening parentheses, upper case; empty for none. */
    public static String firstKeyword(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char ch = sql.charAt(i);
            if (Character.isWhitespace(ch) || ch == '(') {
                i++;
            } else if (sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else {
                break;
            }
        }
        int start = i;
        while (i < n && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        return sql.substring(start, i).toUpperCase(Locale.ROOT);
    }
}
