package dev.idxmig.script;

import java.util.Optional;

/**
 * An index statement recognized in a migration: CREATE [UNIQUE] INDEX, DROP INDEX, REINDEX INDEX|TABLE. A view of
 * what {@link StatementReader} read (the one reader of SQL), for the code that runs statements: only the head of the
 * statement matters here (kind, flags, names); the database parses the rest. Anything not recognized, and anything
 * the reader could not make sense of, runs as it is.
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

    public static Optional<IndexStatement> parse(String sql) {
        return of(StatementReader.read(new SqlStatement(sql, 1, 1)));
    }

    /** The index statement a parsed statement is, if it is one whose target the reader found. */
    public static Optional<IndexStatement> of(ParsedStatement p) {
        if (p.target().isEmpty() || p.syntaxError().isPresent()) {
            return Optional.empty();
        }
        ParsedStatement.Span span = p.target().get();
        String target = p.text(span);
        switch (p.kind()) {
            case CREATE_INDEX:
                Optional<String> name = p.index().map(IndexDefinition::name).filter(n -> !n.isEmpty());
                return Optional.of(new IndexStatement(Kind.CREATE, p.unique(), p.concurrently(), p.ifNotExists(), target,
                        name, p.textAfter(span), p.source().sql()));
            case DROP_INDEX:
                return Optional.of(new IndexStatement(Kind.DROP, false, p.concurrently(), false, target,
                        p.indexNames().stream().findFirst(), "", p.source().sql()));
            case REINDEX:
                if (p.table().isPresent()) {
                    return Optional.of(new IndexStatement(Kind.REINDEX_TABLE, false, p.concurrently(), false, target,
                            Optional.empty(), "", p.source().sql()));
                }
                if (p.tokens().stream().anyMatch(tok -> tok.is("index"))) {
                    return Optional.of(new IndexStatement(Kind.REINDEX_INDEX, false, p.concurrently(), false, target,
                            p.indexNames().stream().findFirst(), "", p.source().sql()));
                }
                return Optional.empty(); // SQLite's REINDEX name, or REINDEX SCHEMA/DATABASE: run as written
            default:
                return Optional.empty();
        }
    }

    /**
     * The same CREATE INDEX with {@code CONCURRENTLY} after {@code INDEX} (once): how a definition from the catalog
     * ({@code pg_get_indexdef}) is rebuilt online. Other statements come back unchanged.
     */
    public static String concurrentForm(String createIndex) {
        ParsedStatement p = StatementReader.read(new SqlStatement(createIndex, 1, 1));
        if (p.kind() != StatementKind.CREATE_INDEX || p.concurrently()) {
            return createIndex;
        }
        for (Token tok : p.tokens()) {
            if (tok.is("index")) {
                int end = tok.offset() + tok.text().length();
                return createIndex.substring(0, end) + " CONCURRENTLY" + createIndex.substring(end);
            }
        }
        return createIndex;
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
}
