package dev.idxmig.advise;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a query's text that a plan without details leaves out (SQLite's {@code EXPLAIN QUERY PLAN} says
 * {@code SCAN worklogs}, not what it filters on): the top-level {@code WHERE} and {@code ORDER BY} of the outermost
 * query and the aliases its tables go by. Read tolerantly; what it cannot find is empty, and the candidates read
 * from it are proven like any other before they are proposed.
 */
final class QueryText {
    private static final Pattern ALIAS = Pattern.compile(
            "(?i)\\b(?:FROM|JOIN)\\s+[\"`\\[]?(\\w+)[\"`\\]]?(?:\\s+(?:AS\\s+)?[\"`\\[]?(\\w+)[\"`\\]]?)?");
    private static final List<String> NOT_ALIASES = List.of("where", "join", "inner", "left", "right", "full",
            "cross", "natural", "on", "using", "group", "order", "limit", "union", "except", "intersect", "window",
            "having", "indexed", "not", "outer");

    private QueryText() {
    }

    /** The conditions of the top-level WHERE, up to GROUP BY, ORDER BY, LIMIT and the like. */
    static Optional<String> where(String sql) {
        return clause(sql, "WHERE", List.of("GROUP", "ORDER", "LIMIT", "HAVING", "WINDOW", "UNION", "EXCEPT",
                "INTERSECT", "RETURNING", "OFFSET"));
    }

    /** The keys of the top-level ORDER BY, each with its direction as written. */
    static List<String> orderBy(String sql) {
        return clause(sql, "ORDER BY", List.of("LIMIT", "OFFSET", "UNION", "EXCEPT", "INTERSECT", "RETURNING"))
                .map(o -> Condition.splitTopLevel(o, ",").stream().map(String::strip).toList()).orElse(List.of());
    }

    /** The alias a table goes by in the query, if it has one. */
    static Optional<String> alias(String sql, String table) {
        Map<String, String> aliases = new HashMap<>();
        Matcher m = ALIAS.matcher(sql);
        while (m.find()) {
            if (m.group(2) != null && !NOT_ALIASES.contains(m.group(2).toLowerCase(Locale.ROOT))) {
                aliases.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
            }
        }
        return Optional.ofNullable(aliases.get(table.toLowerCase(Locale.ROOT)));
    }

    /** The text after a top-level keyword up to the first top-level end keyword, outside parentheses and quotes. */
    private static Optional<String> clause(String sql, String keyword, List<String> ends) {
        List<int[]> top = topLevelWords(sql);
        String upper = sql.toUpperCase(Locale.ROOT);
        String first = keyword.split(" ")[0];
        for (int i = 0; i < top.size(); i++) {
            int[] w = top.get(i);
            if (!upper.substring(w[0], w[1]).equals(first)) {
                continue;
            }
            int start = w[1];
            if (keyword.contains(" ")) {
                if (i + 1 >= top.size() || !upper.substring(top.get(i + 1)[0], top.get(i + 1)[1]).equals("BY")) {
                    continue;
                }
                start = top.get(i + 1)[1];
            }
            int end = sql.length();
            for (int j = i + 1; j < top.size(); j++) {
                if (ends.contains(upper.substring(top.get(j)[0], top.get(j)[1])) && top.get(j)[0] >= start) {
                    end = top.get(j)[0];
                    break;
                }
            }
            String text = sql.substring(start, end).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text.replaceAll(";\\s*$", ""));
        }
        return Optional.empty();
    }

    /** Where each word outside parentheses, quotes and comments starts and ends. */
    private static List<int[]> topLevelWords(String sql) {
        List<int[]> words = new ArrayList<>();
        int depth = 0;
        int i = 0;
        while (i < sql.length()) {
            char ch = sql.charAt(i);
            if (ch == '\'' || ch == '"' || ch == '`') {
                int close = sql.indexOf(ch, i + 1);
                i = close < 0 ? sql.length() : close + 1;
            } else if (ch == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? sql.length() : nl + 1;
            } else if (ch == '(') {
                depth++;
                i++;
            } else if (ch == ')') {
                depth--;
                i++;
            } else if (Character.isLetter(ch) || ch == '_') {
                int start = i;
                while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
                if (depth == 0) {
                    words.add(new int[] {start, i});
                }
            } else {
                i++;
            }
        }
        return words;
    }
}
