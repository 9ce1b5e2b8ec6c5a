package dev.idxmig.testing;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The decision of {@link Extensions}: a missing extension skips a test with the package to install, or fails it. */
@Tag("postgres")
@ExtendWith(PostgresExtension.class)
class ExtensionsTest {
    private static final String MISSING = "idxmig_no_such_extension";

    @Test
    void aMissingExtensionSkipsNamingThePackageOfTheServersMajorVersion(PgDatabase db) {
        long major = db.queryLong("SELECT current_setting('server_version_num')::int / 10000");
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> Extensions.require(db, MISSING, Extensions.WhenMissing.SKIP));
        assertEquals("PostgreSQL extension " + MISSING + " is not available on this server: tests that need it are "
                + "skipped; install postgresql-" + major + "-" + MISSING + " to run them",
                skipped.getMessage().replaceFirst("^Assumption failed: ", ""));
    }

    @Test
    void underCiAMissingExtensionFails(PgDatabase db) {
        AssertionFailedError failed = assertThrows(AssertionFailedError.class,
                () -> Extensions.require(db, MISSING, Extensions.WhenMissing.FAIL));
        assertEquals(true, failed.getMessage().startsWith("CI=true but PostgreSQL extension " + MISSING),
                failed::getMessage);
    }

    @Test
    void anAvailableExtensionPasses(PgDatabase db) {
        Extensions.require(db, "plpgsql", Extensions.WhenMissing.FAIL); // in every server
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_available_extensions WHERE name = 'plpgsql'"));
    }
}
