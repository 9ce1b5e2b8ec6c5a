package dev.idxmig.config;

import java.util.List;

/**
 * The environment variables a database's own tools read a password from ({@code PGPASSWORD} for PostgreSQL), which
 * idxmig reads too, after {@code IDXMIG_PASSWORD}, for a URL of that database. The dialects know them
 * ({@code db.Dialect.passwordVariables()}); config sits below db and cannot ask, so the caller hands them in.
 */
@FunctionalInterface
public interface VendorPasswordVariables {
    /** No database's variables: only idxmig's own are read. */
    VendorPasswordVariables NONE = url -> List.of();

    /** The variables, in the order they are read, for a database at this URL; empty when it has none. */
    List<String> forUrl(JdbcUrl url);
}
