package dev.idxmig.conformance;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Danbooru's Rails {@code structure.sql} (66 tables, 456 indexes, read from {@code ../shared/realworld/danbooru}):
 * a database idxmig did not make, adopted and then worked on with every command of the README that applies.
 */
@Tag("postgres")
@Tag("slow")
@ExtendWith(PostgresExtension.class)
class DanbooruConformanceTest {
    /** Single-column foreign keys that a Rails-style partial index {@code (col) WHERE (col IS NOT NULL)} serves. */
    private static final String SERVED_BY_PARTIAL_INDEX = """
            SELECT con.conname FROM pg_constraint con
            JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = con.conkey[1]
            WHERE con.contype = 'f' AND cardinality(con.conkey) = 1
              AND con.connamespace = 'public'::regnamespace
              AND EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = con.conrelid AND i.indisvalid
                          AND i.indkey[0] = con.conkey[1]
                          AND pg_get_expr(i.indpred, i.indrelid) = '(' || quote_ident(a.attname) || ' IS NOT NULL)')
              AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = con.conrelid AND i.indpred IS NULL
                              AND i.indkey[0] = con.conkey[1])
            ORDER BY 1""";

    @TempDir
    Path dir;

    @Test
    void adoptedDatabaseVerifiesAndItsIndexesAreAllAdopted(PgDatabase db) throws Exception {
        Idxmig idxmig = adopted(db);
        long indexes = PgCatalog.indexes(db).size();
        assertEquals(456, indexes, "structure.sql as published");

        CliResult status = idxmig.run("status");
        assertEquals(0, status.exitCode(), status::toString);
        assertTrue(status.stdout().contains(indexes + " indexes adopted"), "every index that stands: " + status);
        CliResult verify = idxmig.run("verify");
        assertEquals(0, verify.exitCode(), verify::toString);
    }

    @Test
    void doctorAcceptsTheRailsPartialIndexesPostgresqlUsesForForeignKeys(PgDatabase db) throws Exception {
        Idxmig idxmig = adopted(db);
        List<String> served = PgCatalog.strings(db, SERVED_BY_PARTIAL_INDEX);
        assertTrue(served.size() >= 6, "Danbooru serves foreign keys with partial indexes: " + served);

        CliResult doctor = idxmig.run("doctor");
        for (String constraint : served) {
            assertFalse(doctor.stdout().contains(constraint + ":"), constraint + " is served by an index: " + doctor);
        }
        assertTrue(doctor.stdout().contains("foreign-key-without-index"), doctor::toString);
    }

    @Test
    void indexSnapshotRestoresMultiLineDefinitionsByteForByte(PgDatabase db) throws Exception {
        Idxmig idxmig = adopted(db);
        List<String> before = PgCatalog.indexes(db);
        Path snapshot = dir.resolve("danbooru.indexes.json");
        CliResult backup = idxmig.run("backup", "--indexes-only", "--to", snapshot.toString());
        assertEquals(0, backup.exitCode(), backup::toString);

        db.execute("DROP INDEX index_user_events_on_ip_addr_subnet", "DROP INDEX index_posts_on_parent_id",
                "DROP INDEX index_wiki_pages_on_title_pattern");
        assertEquals(before.size() - 3, PgCatalog.indexes(db).size());
        CliResult restore = idxmig.run("restore", "--from", snapshot.toString());
        assertEquals(0, restore.exitCode(), restore::toString);
        assertEquals(before, PgCatalog.indexes(db), "the three indexes are back as they were, the CASE one too");
        assertEquals(0, idxmig.run("verify").exitCode());
    }

    @Test
    void concurrentMigrationWithItsDefaultBackupThenRollbackLeavesTheCatalogAsItWas(PgDatabase db) throws Exception {
        Idxmig idxmig = adopted(db);
        List<String> before = PgCatalog.indexes(db);
        Path migrations = dir.resolve("migrations");
        Files.writeString(migrations.resolve("V1__posts_by_rating_and_score.sql"),
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS index_posts_on_rating_and_score ON posts (rating, score);\n");
        Files.writeString(migrations.resolve("V1__posts_by_rating_and_score.sql.conf"), "executeInTransaction=false\n");

        CliResult migrate = idxmig.run("migrate");
        assertEquals(0, migrate.exitCode(), migrate::toString);
        try (var backups = Files.list(dir.resolve("backups"))) {
            assertTrue(backups.anyMatch(f -> f.getFileName().toString().contains("index")),
                    "the default backup wrote its index snapshot: " + migrate);
        }
        assertEquals(before.size() + 1, PgCatalog.indexes(db).size());
        assertEquals(0, idxmig.run("verify").exitCode());

        CliResult rollback = idxmig.run("rollback", "--steps", "1");
        assertEquals(0, rollback.exitCode(), rollback::toString);
        assertEquals(before, PgCatalog.indexes(db), "only the migration's index went; every adopted one stands");
        assertEquals(0, idxmig.run("verify").exitCode());
    }

    @Test
    void constraintsAreAdoptedAndEveryIndexRebuiltFromItsOwnDefinitionStillVerifiesClean(PgDatabase db)
            throws Exception {
        Idxmig idxmig = adopted(db);
        long constraints = db.queryLong("SELECT count(*) FROM pg_constraint WHERE contype IN ('p', 'u', 'x') "
                + "AND connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT LIKE 'flyway%' "
                + "AND conrelid::regclass::text NOT LIKE 'idxmig%'");
        assertEquals(constraints, db.queryLong("SELECT count(*) FROM idxmig_index_ledger WHERE action = 'adopted' "
                + "AND constraint_definition IS NOT NULL"), "every primary key and unique constraint is adopted");
        assertFalse(idxmig.run("verify").stdout().contains("adopted at baseline"));

        List<String> rebuilt = rebuildPlainIndexes(db);
        assertTrue(rebuilt.size() > 250, rebuilt.size() + " rebuilt");
        CliResult again = idxmig.run("verify");
        assertEquals(0, again.exitCode(), again::toString);
        assertFalse(again.stdout().contains("changed by hand"), again::toString);
        assertFalse(idxmig.run("status").stdout().contains(": changed"), "status agrees");
    }

    /**
     * Drops and creates every plain index of public from its pg_get_indexdef, in a session with the default path,
     * as an operator would with psql: the server may print some of them in other words afterwards.
     */
    private static List<String> rebuildPlainIndexes(PgDatabase db) throws SQLException {
        List<String> names = new ArrayList<>();
        List<String> definitions = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x "
                     + "JOIN pg_class i ON i.oid = x.indexrelid WHERE i.relnamespace = 'public'::regnamespace "
                     + "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid) "
                     + "AND i.relname NOT LIKE 'flyway%' AND i.relname NOT LIKE 'idxmig%'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
                definitions.add(rs.getString(2));
            }
        }
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (int i = 0; i < names.size(); i++) {
                st.execute("DROP INDEX public.\"" + names.get(i) + "\"");
                st.execute(definitions.get(i));
            }
        }
        return names;
    }

    /** Danbooru's structure.sql loaded into {@code db} and adopted with {@code idxmig baseline}. */
    private Idxmig adopted(PgDatabase db) throws IOException, SQLException {
        String structure = Files.readString(RealWorld.corpus("danbooru").resolve("structure.sql"));
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(structure);
        }
        Files.createDirectories(dir.resolve("migrations"));
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        CliResult baseline = idxmig.run("baseline");
        assertEquals(0, baseline.exitCode(), baseline::toString);
        return idxmig;
    }
}
