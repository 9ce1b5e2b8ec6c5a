package dev.idxmig.db;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.JdbcUrl;

import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The registered dialects ({@code META-INF/services/dev.idxmig.db.Dialect}), asked in turn whether they handle a
 * URL, as Flyway's {@code DatabaseTypeRegister} asks its database types. Adding a database adds a dialect and a
 * line to that file; nothing here names one.
 */
public final class Dialects {
    private static final List<Dialect> REGISTERED = ServiceLoader.load(Dialect.class, Dialect.class.getClassLoader())
            .stream().map(ServiceLoader.Provider::get).collect(Collectors.toUnmodifiableList());

    private Dialects() {
    }

    /** Every registered dialect, in the order of the service file. */
    public static List<Dialect> all() {
        return REGISTERED;
    }

    /** The dialect with this id ({@code postgresql}, {@code sqlite}, {@code mariadb}); a usage error naming them else. */
    public static Dialect named(String id) {
        return REGISTERED.stream().filter(d -> d.id().equalsIgnoreCase(id)).findFirst()
                .orElseThrow(() -> IdxmigException.usage("unknown dialect '" + id + "'", "choose one of "
                        + REGISTERED.stream().map(Dialect::id).collect(Collectors.joining(", "))));
    }

    /** The password variables of the database at this URL ({@link Dialect#passwordVariables()}); none if unknown. */
    public static List<String> passwordVariables(JdbcUrl url) {
        return REGISTERED.stream().filter(d -> d.handlesUrl(url.text())).findFirst()
                .map(Dialect::passwordVariables).orElse(List.of());
    }

    public static Dialect forUrl(String jdbcUrl) {
        for (Dialect dialect : REGISTERED) {
            if (dialect.handlesUrl(jdbcUrl)) {
                return dialect;
            }
        }
        for (Dialect dialect : REGISTERED) {
            java.util.Optional<String> advice = dialect.adviceForUrl(jdbcUrl);
            if (advice.isPresent()) {
                throw IdxmigException.usage("unsupported database '" + JdbcUrl.of(jdbcUrl).subprotocol() + "'",
                        advice.get());
            }
        }
        String scheme = JdbcUrl.isJdbc(jdbcUrl) ? JdbcUrl.of(jdbcUrl).subprotocol() : jdbcUrl.split(":", 2)[0];
        throw IdxmigException.usage("unsupported database '" + scheme + "'", "idxmig works with "
                + REGISTERED.stream().map(d -> d.displayName() + " (" + d.exampleUrl() + ")")
                        .collect(Collectors.joining(", ")));
    }
}
