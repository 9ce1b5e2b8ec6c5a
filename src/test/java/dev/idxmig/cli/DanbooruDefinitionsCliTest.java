package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Danbooru's Rails structure.sql (third-party, read in place from ../shared/realworld): 391 indexes with trigram and
 * btree_gin operator classes of the public schema, expressions, predicates, and 65 primary keys and unique
 * constraints. Adopted whole; then every index is rebuilt by hand from its own pg_get_indexdef under the default
 * search_path (as an operator would, with psql) and verify still finds nothing changed.
 */
@Tag("postgres")
@Tag("slow")
@ExtendWith(PostgresExtension.class)
class DanbooruDefinitionsCliTest {
    private static final Path STRUCTURE = Path.of("../shared/realworld/danbooru/structure.sql");

    @TempDir
    Path dir;

    @Test
    void everyIndexRebuiltFromItsOwnDefinitionStillVerifiesClean(PgDatabase db) throws Exception {
        if (!Files.isRegularFile(STRUCTURE) && !"true".equalsIgnoreCase(System.getenv("CI"))) {
            Assumptions.abort("no " + STRUCTURE + ": skipped");
        }
        db.execute(Files.readString(STRUCTURE));
        Files.createDirectories(dir.resolve("migrations"));
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        long indexes = db.queryLong("SELECT count(*) FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid "
                + "JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname = 'public'");
        long constraints = db.queryLong("SELECT count(*) FROM pg_constraint WHERE contype IN ('p', 'u', 'x') "
                + "AND connamespace = 'public'::regnamespace");
        assertTrue(indexes > 300 && constraints > 50, indexes + " indexes, " + constraints + " constraints");

        CliResult baseline = idxmig.run("baseline");
        assertEquals(0, baseline.exitCode(), baseline::toString);
        assertTrue(baseline.stdout().contains(indexes + " indexes adopted"), baseline::toString);
        assertEquals(constraints, db.queryLong("SELECT count(*) FROM idxmig_index_ledger WHERE action = 'adopted' "
                + "AND constraint_definition IS NOT NULL"));
        CliResult verify = idxmig.run("verify");
        assertEquals(0, verify.exitCode(), verify::toString);
        assertFalse(verify.stdout().contains("adopted at baseline"), verify::toString);

        List<String> rebuilt = rebuildPlainIndexes(db);
        assertTrue(rebuilt.size() > 250, rebuilt.size() + " rebuilt");
        CliResult again = idxmig.run("verify");
        assertEquals(0, again.exitCode(), again::toString);
        assertFalse(again.stdout().contains("changed by hand"), again::toString);
        CliResult status = idxmig.run("status");
        assertFalse(status.stdout().contains(": changed"), status::toString);
    }

    /** Drops and creates every plain index of public from its pg_get_indexdef, in a session with the default path. */
    private static List<String> rebuildPlainIndexes(PgDatabase db) throws Exception {
        List<String> definitions = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x "
                     + "JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = i.relnamespace "
                     + "WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint k "
                     + "WHERE k.conindid = x.indexrelid) AND i.relname NOT LIKE 'flyway%' "
                     + "AND i.relname NOT LIKE 'idxmig%'")) {
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
}
