package dev.idxmig.script;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An index statement recognized in a migration: CREATE [UNIQUE] INDEX, DROP INDEX, REINDEX INDEX|TABLE. Only the
 * head of the statement is read (kind, flags, names); the database parses the rest. Anything not recognized runs
 * as it is.
 *
 * @param target the table (CREATE, REINDEX TABLE) or index (DROP, REINDEX INDEX) as written, maybe qualified
 * @param name   the index name as the catalog spells it (unquoted, folded), for CREATE and the first of a DROP
 * @param rest   for CREATE: the statement after the table name ({@code (a, b) WHERE ...}), to probe its shape
 */
public record IndexStatement(Kind kind, boolean unique, boolean concurrent, boolean ifNotExists, String target,
                      Optional<String> name, String rest, String sql) {

    public enum Kind {
        CREATE, DROP, REINDEX_INDEX, REINDEX_TABLE;

        public boolean targetsIndex() {
            return this == DROP || this == REINDEX_INDEX;
        }
    }

    private static final String IDENT = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][\\w$]*)";
    private static final String QUALIFIED = IDENT + "(?:\\s*\\.\\s*" + IDENT + ")?";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final Pattern CREATE = Pattern.compile("CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?"
            + "(IF\\s+NOT\\s+EXISTS\\s+)?(?:(?!ON\\s)(" + IDENT + ")\\s+)?ON\\s+(?:ONLY\\s+)?(" + QUALIFIED + ")"
            + "\\s*(.*?)[\\s;]*", FLAGS);
    private static final Pattern DROP = Pattern.compile("DROP\\s+INDEX\\s+(CONCURRENTLY\\s+)?(?:IF\\s+EXISTS\\s+)?("
            + QUALIFIED + ").*", FLAGS);
    private static final Pattern REINDEX = Pattern.compile("REINDEX\\s+(?:\\([^)]*\\)\\s*)?(INDEX|TABLE)\\s+"
            + "(CONCURRENTLY\\s+)?(" + QUALIFIED + ").*", FLAGS);
    private static final Pattern LEADING_COMMENTS = Pattern.compile("^(?:\\s+|--[^\\n]*(?:\\n|$)|/\\*.*?\\*/)*",
            Pattern.DOTALL);

    public static Optional<IndexStatement> parse(String sql) {
        String text = LEADING_COMMENTS.matcher(sql).replaceFirst("");
        Matcher m = CREATE.matcher(text);
        if (m.matches()) {
            return Optional.of(new IndexStatement(Kind.CREATE, m.group(1) != null, m.group(2) != null,
                    m.group(3) != null, m.group(5), Optional.ofNullable(m.group(4)).map(IndexStatement::catalogName),
                    m.group(6), sql));
        }
        m = DROP.matcher(text);
        if (m.matches()) {
            return Optional.of(new IndexStatement(Kind.DROP, false, m.group(1) != null, false, m.group(2),
                    Optional.of(catalogName(lastPart(m.group(2)))), "", sql));
        }
        m = REINDEX.matcher(text);
        if (m.matches()) {
            boolean index = m.group(1).equalsIgnoreCase("INDEX");
            return Optional.of(new IndexStatement(index ? Kind.REINDEX_INDEX : Kind.REINDEX_TABLE, false,
                    m.group(2) != null, false, m.group(3),
                    index ? Optional.of(catalogName(lastPart(m.group(3)))) : Optional.empty(), "", sql));
        }
        return Optional.empty();
    }

    /** The statement's first line, for messages. */
    String head() {
        String text = LEADING_COMMENTS.matcher(sql).replaceFirst("").strip();
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl).strip() + " ...";
    }

    /** What the statement does, in a few words: "CREATE INDEX CONCURRENTLY". */
    public String verb() {
        switch (kind) {
            case CREATE:
                return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX" + (concurrent ? " CONCURRENTLY" : "");
            case DROP:
                return "DROP INDEX" + (concurrent ? " CONCURRENTLY" : "");
            default:
                return "REINDEX" + (concurrent ? " CONCURRENTLY" : "");
        }
    }

    private static String lastPart(String qualified) {
        Matcher m = Pattern.compile(IDENT).matcher(qualified);
        String last = qualified;
        while (m.find()) {
            last = m.group();
        }
        return last;
    }

    /** {@code "Mixed"} stays Mixed; unquoted names fold to lower case, as PostgreSQL does. */
    static String catalogName(String written) {
        String w = written.strip();
        if (w.startsWith("\"") && w.endsWith("\"") && w.length() >= 2) {
            return w.substring(1, w.length() - 1).replace("\"\"", "\"");
        }
        return w.toLowerCase(Locale.ROOT);
    }
}
