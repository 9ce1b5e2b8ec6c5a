package dev.idxmig.testing;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Optional PostgreSQL extensions a test needs (HypoPG is not in postgresql-contrib): where the server cannot
 * install one, the test is skipped with one line naming the package to install, like {@link PostgresExtension}
 * does for a missing server, except under {@code CI=true} (where {@code .ci/run} installs it), where it fails.
 */
public final class Extensions {
    /** What a test does when the extension is not installable on the server. */
    public enum WhenMissing { SKIP, FAIL;

        /** FAIL where the extension is a must ({@link Missing#mustHave}), else SKIP. */
        public static WhenMissing fromEnvironment(String extension) {
            return Missing.mustHave(extension) ? FAIL : SKIP;
        }
    }

    private Extensions() {
    }

    /** Creates HypoPG in the test's database, or skips (fails under CI=true) when the server lacks it. */
    public static void requireHypopg(PgDatabase db) {
        require(db, "hypopg", WhenMissing.fromEnvironment("hypopg"));
        db.execute("CREATE EXTENSION IF NOT EXISTS hypopg");
    }

    /**
     * Creates pg_stat_statements in the test's database, or skips (fails under CI=true) when the server does not
     * load it ({@code shared_preload_libraries}, which takes a restart: {@code .ci/services} sets it) or lacks it.
     */
    public static void requirePgStatStatements(PgDatabase db) {
        require(db, "pg_stat_statements", WhenMissing.fromEnvironment("pg_stat_statements"));
        if (db.queryLong("SELECT count(*) FROM unnest(string_to_array(current_setting('shared_preload_libraries'), "
                + "',')) l WHERE trim(l) = 'pg_stat_statements'") == 0) {
            String line = "pg_stat_statements is not in this server's shared_preload_libraries: tests that need it "
                    + "are skipped; add it and restart the server (.ci/services does) to run them";
            Missing.skipOrFail("pg_stat_statements", line);
        }
        db.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    }

    /**
     * Aborts (SKIP) or fails (FAIL) the test when {@code extension} is not in the server's
     * {@code pg_available_extensions}; the message names the Debian/Ubuntu (PGDG) package of the server's major
     * version, e.g. {@code postgresql-15-hypopg}.
     */
    public static void require(PgDatabase db, String extension, WhenMissing whenMissing) {
        if (available(db, extension)) {
            return;
        }
        long major = db.queryLong("SELECT current_setting('server_version_num')::int / 10000");
        String line = "PostgreSQL extension " + extension + " is not available on this server: tests that need it "
                + "are skipped; install postgresql-" + major + "-" + extension + " to run them";
        if (whenMissing == WhenMissing.FAIL) {
            fail("CI=true but " + line);
        }
        Missing.skip(line);
    }

    /** Whether the server can create {@code extension} (its package is installed): pg_available_extensions. */
    public static boolean available(PgDatabase db, String extension) {
        return db.queryLong("SELECT count(*) FROM pg_available_extensions WHERE name = '"
                + extension.replace("'", "''") + "'") > 0;
    }
}
