package dev.idxmig.config;

import java.util.Optional;

/**
 * A JDBC URL, read once where it enters ({@link DatabaseUrls}, {@link ConnectionSettings}) into its parts:
 * {@code jdbc:<subprotocol>:<path>[?<query>]}. Code that needs the database's name, a SQLite file or the query asks
 * this type instead of cutting the string at {@code ?} or the last {@code /} itself. It never holds a password:
 * {@link DatabaseUrls} takes user and password out before one is made.
 *
 * @param text the URL as written, {@code jdbc:} first
 */
public record JdbcUrl(String text) {
    private static final String PREFIX = "jdbc:";

    public JdbcUrl {
        if (text == null || !text.startsWith(PREFIX) || text.length() == PREFIX.length()) {
            throw new IllegalArgumentException("not a JDBC URL: " + text);
        }
    }

    /** Whether the text is a JDBC URL at all ({@code jdbc:...}), as opposed to {@code postgres://...}. */
    public static boolean isJdbc(String text) {
        return text != null && text.startsWith(PREFIX) && text.length() > PREFIX.length();
    }

    public static JdbcUrl of(String text) {
        return new JdbcUrl(text);
    }

    /** The driver's name for the database: {@code postgresql}, {@code sqlite}. */
    public String subprotocol() {
        String rest = text.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        return colon < 0 ? rest : rest.substring(0, colon);
    }

    /** Whether the URL is for this subprotocol ({@code is("sqlite")}). */
    public boolean is(String subprotocol) {
        return subprotocol().equals(subprotocol);
    }

    /** What follows {@code jdbc:<subprotocol>:}, without the query: {@code //host:5432/db}, {@code app.db}. */
    public String path() {
        String rest = text.substring(PREFIX.length() + subprotocol().length());
        rest = rest.startsWith(":") ? rest.substring(1) : rest;
        int q = rest.indexOf('?');
        return q < 0 ? rest : rest.substring(0, q);
    }

    /** The query after {@code ?}, without it; empty when there is none. */
    public Optional<String> query() {
        int q = text.indexOf('?');
        return q < 0 ? Optional.empty() : Optional.of(text.substring(q + 1));
    }

    /** The URL without its query. */
    public String withoutQuery() {
        int q = text.indexOf('?');
        return q < 0 ? text : text.substring(0, q);
    }

    /** The same URL with another path, the query kept. */
    public JdbcUrl withPath(String otherPath) {
        return new JdbcUrl(PREFIX + subprotocol() + ":" + otherPath + query().map(q -> "?" + q).orElse(""));
    }

    /**
     * The last segment of the path, what names the database to people: {@code db} of {@code //host/db},
     * {@code app.db} of {@code data/app.db}.
     */
    public String lastSegment() {
        String path = withoutQuery();
        return path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf(':')) + 1);
    }

    /**
     * Where a server database is, for a URL written {@code jdbc:<subprotocol>://host[:port]/database} (host and port
     * as written, an IPv6 host without its brackets), or {@code jdbc:<subprotocol>:database} (no host).
     *
     * @param authority {@code host:port} as written after {@code //}; empty when the URL has none
     * @param database  what follows the authority's {@code /} (or the whole path); empty when not written
     */
    public record Server(Optional<String> authority, Optional<String> host, Optional<String> port, String database) {
    }

    public Server server() {
        String p = path();
        if (!p.startsWith("//")) {
            return new Server(Optional.empty(), Optional.empty(), Optional.empty(), p.startsWith("/") ? p.substring(1) : p);
        }
        String rest = p.substring(2);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String host = authority;
        Optional<String> port = Optional.empty();
        int colon = authority.lastIndexOf(':');
        if (colon > 0 && !authority.endsWith("]")) {
            port = Optional.of(authority.substring(colon + 1));
            host = authority.substring(0, colon);
        }
        host = host.replace("[", "").replace("]", "");
        return new Server(Optional.of(authority), Optional.of(host).filter(h -> !h.isEmpty()), port,
                slash < 0 ? "" : rest.substring(slash + 1));
    }

    /**
     * The same server with another database ({@code jdbc:<subprotocol>://host:port/other?query}); empty when the URL
     * names no server and database to replace.
     */
    public Optional<JdbcUrl> withDatabase(String other) {
        Server server = server();
        if (server.authority().isEmpty() || !path().substring(2).contains("/")) {
            return Optional.empty();
        }
        return Optional.of(withPath("//" + server.authority().get() + "/" + other));
    }

    @Override
    public String toString() {
        return text;
    }
}
