package dev.idxmig.config;

import dev.idxmig.base.IdxmigException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what users write into {@link ConnectionSettings}: a JDBC URL as it is, or a Heroku-style
 * {@code postgres://user:pass@host:port/db?sslmode=require}. User and password are taken out of either form,
 * so the URL that is kept and printed never holds a password.
 */
public final class DatabaseUrls {
    private static final Pattern POSTGRES_URI = Pattern.compile(
            "^postgres(?:ql)?://(?:(?<user>[^:@/]*)(?::(?<password>[^@/]*))?@)?"
                    + "(?<host>\\[[^]]+]|[^:/?]*)(?::(?<port>\\d+))?(?:/(?<db>[^?]*))?(?:\\?(?<query>.*))?$");

    private DatabaseUrls() {
    }

    public static ConnectionSettings parse(String url) {
        String trimmed = url.trim();
        if (trimmed.startsWith("postgres://") || trimmed.startsWith("postgresql://")) {
            return fromPostgresUri(trimmed);
        }
        if (JdbcUrl.isJdbc(trimmed)) {
            return fromJdbc(JdbcUrl.of(trimmed));
        }
        throw IdxmigException.usage("unknown database URL scheme in '" + SecretMasker.none().mask(trimmed) + "'",
                "use jdbc:postgresql://host:5432/db, jdbc:sqlite:path/to/file.db, or postgres://user@host:5432/db");
    }

    private static ConnectionSettings fromPostgresUri(String uri) {
        Matcher m = POSTGRES_URI.matcher(uri);
        if (!m.matches() || m.group("host").isEmpty()) {
            throw IdxmigException.usage("cannot read the PostgreSQL URL '" + SecretMasker.none().mask(uri) + "'",
                    "expected postgres://user:password@host:port/database?param=value");
        }
        String port = Optional.ofNullable(m.group("port")).orElse("5432");
        String db = decode(Optional.ofNullable(m.group("db")).orElse(""));
        Optional<String> user = Optional.ofNullable(m.group("user")).filter(s -> !s.isEmpty()).map(DatabaseUrls::decode);
        Optional<Secret> password = Optional.ofNullable(m.group("password")).map(DatabaseUrls::decode).map(Secret::of);
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(m.group("host")).append(':').append(port)
                .append('/').append(encodePathSegment(db));
        QueryParams params = QueryParams.split(m.group("query"));
        user = user.or(() -> params.user);
        password = password.or(() -> params.password);
        if (!params.rest.isEmpty()) {
            jdbc.append('?').append(String.join("&", params.rest));
        }
        return new ConnectionSettings(jdbc.toString(), user, password);
    }

    private static ConnectionSettings fromJdbc(JdbcUrl jdbcUrl) {
        if (jdbcUrl.query().isEmpty() || jdbcUrl.is("sqlite")) {
            return new ConnectionSettings(jdbcUrl, Optional.empty(), Optional.empty());
        }
        QueryParams params = QueryParams.split(jdbcUrl.query().get());
        String base = jdbcUrl.withoutQuery();
        String url = params.rest.isEmpty() ? base : base + "?" + String.join("&", params.rest);
        return new ConnectionSettings(url, params.user, params.password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encodePathSegment(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Splits user and password out of a query string, keeping the other parameters in order. */
    private static final class QueryParams {
        Optional<String> user = Optional.empty();
        Optional<Secret> password = Optional.empty();
        final List<String> rest = new ArrayList<>();

        static QueryParams split(String query) {
            QueryParams p = new QueryParams();
            if (query == null || query.isEmpty()) {
                return p;
            }
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (key.equalsIgnoreCase("user")) {
                    p.user = Optional.of(value);
                } else if (key.equalsIgnoreCase("password")) {
                    p.password = Optional.of(Secret.of(value));
                } else if (!pair.isEmpty()) {
                    p.rest.add(pair);
                }
            }
            return p;
        }
    }

}
