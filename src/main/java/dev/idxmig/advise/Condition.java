package dev.idxmig.advise;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One conjunct of a condition as PostgreSQL prints it in a plan ({@code (customer_id = 42)},
 * {@code (placed_at >= '2025-01-01'::date)}, {@code (lower((email)::text) = 'x'::text)}, {@code (NOT is_read)},
 * {@code (deleted_at IS NULL)}), read just far enough to tell which column or expression of the table it tests and
 * how. A condition it cannot read is left out, never guessed.
 *
 * @param key       the column, or the whole expression in parentheses, as an index key would name it
 * @param kind      how the key is tested
 * @param constant  the condition as a partial index's predicate would state it, when it compares the key with a
 *                  constant that a query repeats (a string or boolean, {@code IS NULL}); empty otherwise
 * @param literal   the constant is a string value (a partial index only where the column has few values), not a
 *                  state ({@code IS NULL}, a boolean)
 */
record Condition(String key, Kind kind, Optional<String> constant, boolean literal) {

    enum Kind { EQUALITY, RANGE, JOIN }

    private static final Pattern COMPARISON = Pattern.compile("^(.+?)\\s+(=|<>|!=|>=|<=|<|>)\\s+(.+)$",
            Pattern.DOTALL);
    private static final Pattern IS_NULL = Pattern.compile("(?i)^(.+?)\\s+IS\\s+(NOT\\s+)?NULL$");
    private static final Pattern NOT = Pattern.compile("(?i)^NOT\\s+(.+)$");
    private static final Pattern QUALIFIED = Pattern.compile("^(?:\"?([A-Za-z_][\\w$]*)\"?\\.)?\"?([A-Za-z_][\\w$]*)\"?$");
    private static final Pattern CONSTANT = Pattern.compile(
            "(?is)^\\(?\\s*(?:'(?:[^']|'')*'|-?[0-9][0-9.e+-]*|\\$[0-9]+|true|false|NULL|ANY\\s*\\(.*\\))\\s*\\)?"
                    + "(?:::[a-z ]+(?:\\[\\])?)?$");
    private static final Pattern LITERAL = Pattern.compile("(?is)^(?:'(?:[^']|'')*'|true|false)(?:::[a-z ]+)?$");
    private static final Pattern TEXT_CAST = Pattern.compile("(?i)::(text|character varying|varchar|boolean|bpchar)$");

    /**
     * The readable conjuncts of a condition, of one table: its columns (lower case), and the alias plans qualify
     * them with in joins.
     */
    static List<Condition> read(String condition, Set<String> columns, Optional<String> alias) {
        List<Condition> out = new ArrayList<>();
        for (String part : conjuncts(condition)) {
            one(part, columns, alias).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<Condition> one(String part, Set<String> columns, Optional<String> alias) {
        Matcher isNull = IS_NULL.matcher(part);
        if (isNull.matches()) {
            return key(isNull.group(1), columns, alias).map(k -> new Condition(k, Kind.EQUALITY,
                    Optional.of(k + (isNull.group(2) == null ? " IS NULL" : " IS NOT NULL")), false));
        }
        Matcher not = NOT.matcher(part);
        if (not.matches()) {
            return column(unwrap(not.group(1)), columns, alias)
                    .map(k -> new Condition(k, Kind.EQUALITY, Optional.of("NOT " + k), false));
        }
        Optional<String> bare = column(part, columns, alias);
        if (bare.isPresent()) {
            // a boolean column standing alone: WHERE is_active
            return bare.map(k -> new Condition(k, Kind.EQUALITY, Optional.of(k), false));
        }
        Matcher m = topLevelComparison(part);
        if (m == null) {
            return Optional.empty();
        }
        String left = m.group(1).strip();
        String op = m.group(2);
        String right = m.group(3).strip();
        Optional<String> leftKey = key(left, columns, alias);
        Optional<String> rightKey = key(right, columns, alias);
        if (leftKey.isPresent() && (isConstant(right) || independent(right, columns))) {
            return comparison(leftKey.get(), op, right);
        }
        if (rightKey.isPresent() && (isConstant(left) || independent(left, columns))) {
            return comparison(rightKey.get(), flip(op), left);
        }
        if (op.equals("=") && (leftKey.isPresent() != rightKey.isPresent())) {
            // the other side is another table's column: a join key of this table
            return leftKey.or(() -> rightKey).map(k -> new Condition(k, Kind.JOIN, Optional.empty(), false));
        }
        return Optional.empty();
    }

    private static Optional<Condition> comparison(String key, String op, String constant) {
        if (op.equals("=")) {
            Optional<String> partial = LITERAL.matcher(constant).matches() && !constant.toUpperCase(Locale.ROOT)
                    .startsWith("ANY") ? Optional.of(key + " = " + TEXT_CAST.matcher(constant).replaceAll(""))
                    : Optional.empty();
            boolean string = constant.strip().startsWith("'");
            return Optional.of(new Condition(key, Kind.EQUALITY, partial, string));
        }
        if (op.equals("<>") || op.equals("!=")) {
            return Optional.empty();
        }
        return Optional.of(new Condition(key, Kind.RANGE, Optional.empty(), false));
    }

    private static String flip(String op) {
        switch (op) {
            case "<": return ">";
            case ">": return "<";
            case "<=": return ">=";
            case ">=": return "<=";
            default: return op;
        }
    }

    /**
     * A value the row does not change: an expression of functions and literals that names no column of this table
     * and nothing qualified ({@code now() - '1 day'::interval}), so a btree can search for it like a constant.
     */
    static boolean independent(String text, Set<String> columns) {
        String t = text.replaceAll("'(?:[^']|'')*'", "''").replaceAll("::[a-z ]+(\\[\\])?", "");
        if (t.contains(".") || t.contains("$") && !t.matches("(?s).*\\$[0-9]+.*") || t.toUpperCase(Locale.ROOT)
                .matches("(?s).*\\b(SELECT|SUBPLAN|AND|OR)\\b.*")) {
            return false;
        }
        Matcher words = Pattern.compile("[A-Za-z_][\\w$]*").matcher(t);
        while (words.find()) {
            if (columns.contains(words.group().toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return true;
    }

    static boolean isConstant(String text) {
        return CONSTANT.matcher(text.strip()).matches();
    }

    /** A column of the table, or an expression over its columns alone (kept whole, in parentheses). */
    static Optional<String> key(String text, Set<String> columns, Optional<String> alias) {
        String t = unwrap(text.strip());
        Optional<String> col = column(t, columns, alias);
        if (col.isPresent()) {
            return col;
        }
        // (col)::text is the column, cast for the comparison
        Matcher cast = Pattern.compile("^\\((.+)\\)::[a-z ]+$").matcher(t);
        if (cast.matches() && column(cast.group(1), columns, alias).isPresent()) {
            return column(cast.group(1), columns, alias);
        }
        if (!t.contains("(") || t.contains("'") || t.contains("$")) {
            return Optional.empty();
        }
        String expr = alias.map(a -> t.replaceAll("\\b" + Pattern.quote(a) + "\\.", "")).orElse(t);
        Matcher words = Pattern.compile("[A-Za-z_][\\w$]*").matcher(expr.replaceAll("::[a-z ]+", ""));
        boolean mentionsColumn = false;
        while (words.find()) {
            String w = words.group().toLowerCase(Locale.ROOT);
            int after = words.end();
            boolean function = after < expr.length() && expr.charAt(after) == '(';
            if (columns.contains(w) && !function) {
                mentionsColumn = true;
            } else if (!function && expr.contains(".")) {
                return Optional.empty(); // another table's column
            }
        }
        return mentionsColumn ? Optional.of("(" + expr + ")") : Optional.empty();
    }

    private static Optional<String> column(String text, Set<String> columns, Optional<String> alias) {
        Matcher m = QUALIFIED.matcher(unwrap(text.strip()));
        if (!m.matches()) {
            return Optional.empty();
        }
        if (m.group(1) != null && alias.map(a -> !a.equalsIgnoreCase(m.group(1))).orElse(false)) {
            return Optional.empty();
        }
        String name = m.group(2).toLowerCase(Locale.ROOT);
        return columns.contains(name) ? Optional.of(identifier(m.group(2))) : Optional.empty();
    }

    /**
     * A column as an index key names it: plain in lower case, or quoted when it only exists in another case
     * ({@code "CustomerId"}, as Prisma and Entity Framework make them), as PostgreSQL prints it in plans.
     */
    static String identifier(String name) {
        return name.equals(name.toLowerCase(Locale.ROOT)) && name.matches("[a-z_][a-z0-9_$]*") ? name
                : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A name without the double quotes {@link #identifier} may have put around it, in its own case. */
    static String unquoted(String name) {
        String n = name.strip();
        return n.startsWith("\"") && n.endsWith("\"") && n.length() > 1
                ? n.substring(1, n.length() - 1).replace("\"\"", "\"") : n;
    }

    /** The column a key names, lower case and unquoted, as the table's column list has it. */
    static String plain(String key) {
        String k = key.strip();
        return (k.startsWith("\"") && k.endsWith("\"") ? k.substring(1, k.length() - 1) : k).toLowerCase(Locale.ROOT);
    }

    /** The conjuncts of {@code (a AND (b AND c))}: a, b, c, each without its outer parentheses. */
    static List<String> conjuncts(String condition) {
        List<String> out = new ArrayList<>();
        String c = unwrap(condition.strip());
        List<String> parts = splitTopLevel(c, " AND ");
        if (parts.size() == 1) {
            out.add(c);
            return out;
        }
        for (String p : parts) {
            out.addAll(conjuncts(p));
        }
        return out;
    }

    /** Without the parentheses that enclose all of it. */
    static String unwrap(String text) {
        String t = text.strip();
        while (t.startsWith("(") && closing(t, 0) == t.length() - 1) {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }

    private static int closing(String t, int open) {
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < t.length(); i++) {
            char ch = t.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
            } else if (!quoted && ch == '(') {
                depth++;
            } else if (!quoted && ch == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    static List<String> splitTopLevel(String text, String separator) {
        List<String> parts = new ArrayList<>();
        String upper = text.toUpperCase(Locale.ROOT);
        int start = 0;
        for (int at = nextTopLevel(text, 0, i -> upper.startsWith(separator, i)); at >= 0;
             at = nextTopLevel(text, start, i -> upper.startsWith(separator, i))) {
            parts.add(text.substring(start, at));
            start = at + separator.length();
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** The comparison at the top level of the conjunct (not one inside a function's arguments). */
    private static Matcher topLevelComparison(String part) {
        int i = nextTopLevel(part, 0, k -> "=<>!".indexOf(part.charAt(k)) >= 0 && k > 0 && part.charAt(k - 1) == ' ');
        if (i < 0) {
            return null;
        }
        Matcher m = COMPARISON.matcher(part.substring(0, i).strip() + " " + part.substring(i).strip());
        return m.matches() ? m : null;
    }

    /**
     * The first index from {@code from} outside quotes and parentheses where {@code at} holds; -1 where none does.
     */
    private static int nextTopLevel(String text, int from, IntPredicate at) {
        int depth = 0;
        boolean quoted = false;
        for (int i = from; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
            } else if (!quoted && ch == '(') {
                depth++;
            } else if (!quoted && ch == ')') {
                depth--;
            } else if (!quoted && depth == 0 && at.test(i)) {
                return i;
            }
        }
        return -1;
    }
}
