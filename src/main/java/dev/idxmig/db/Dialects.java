package dev.idxmig.db;

import dev.idxmig.IdxmigException;
import dev.idxmig.db.postgres.PostgresDialect;
import dev.idxmig.db.sqlite.SqliteDialect;

/** Finds the dialect for a JDBC URL. */
public final class Dialects {
    private Dialects() {
    }

    public static Dialect forUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return new SqliteDialect();
        }
        String scheme = jdbcUrl.startsWith("jdbc:") ? jdbcUrl.split(":", 3)[1] : jdbcUrl.split(":", 2)[0];
        throw IdxmigException.usage("unsupported database '" + scheme + "'",
                "idxmig works with PostgreSQL (jdbc:postgresql://host:5432/db) and SQLite (jdbc:sqlite:file.db)");
    }
}
