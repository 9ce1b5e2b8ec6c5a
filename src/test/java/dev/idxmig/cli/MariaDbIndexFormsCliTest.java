package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.MariaDbDatabase;
import dev.idxmig.testing.MariaDbExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drop and rollback round trips over every index form MariaDB has, through the CLI: V1 builds the index with its
 * table, V2 drops it; the rollback of V2 brings it back with the catalog's definition identical to before, both
 * after a real drop and after a soft drop ({@code --soft-drop}: IGNORED in between, NOT IGNORED on rollback), and
 * verify passes after each step.
 */
@Tag("mariadb")
@ExtendWith(MariaDbExtension.class)
class MariaDbIndexFormsCliTest {

    /**
     * One index form.
     *
     * @param key      the index as a clause of CREATE TABLE
     * @param locking  whether InnoDB builds it only under a shared lock (FULLTEXT, SPATIAL): its rebuild needs
     *                 {@code rollback --allow-table-copy}
     * @param soft     whether {@code --soft-drop} ignores it (a UNIQUE index is dropped for real)
     */
    record Form(String name, String key, boolean locking, boolean soft) {
    }

    private static final List<Form> FORMS = List.of(
            new Form("btree", "KEY f (a, b)", false, true),
            // InnoDB has no hash indexes: USING HASH becomes a B-tree, and the catalog says BTREE
            new Form("hash", "KEY f (a) USING HASH", false, true),
            new Form("fulltext", "FULLTEXT KEY f (body)", true, true),
            new Form("spatial", "SPATIAL KEY f (g)", true, true),
            new Form("prefix", "KEY f (name(10), a)", false, true),
            new Form("descending", "KEY f (a DESC, b)", false, true),
            new Form("virtual column", "KEY f (v)", false, true),
            new Form("comment", "KEY f (b) COMMENT 'for the nightly report'", false, true),
            new Form("unique", "UNIQUE KEY f (name)", false, false));

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), "expected '" + part + "' in:\n" + text);
    }

    private static CliResult ok(Idxmig idxmig, String... args) {
        CliResult r = idxmig.run(args);
        assertEquals(0, r.exitCode(), r.toString());
        return r;
    }

    private static String[] with(String command, String... more) {
        return MariaDbSoftDropCliTest.with(command, more);
    }

    /** The index as the catalog describes it, key part by key part; null when it is not there. */
    private static String catalog(MariaDbDatabase db, String table, String index) {
        return db.queryString("SELECT GROUP_CONCAT(CONCAT_WS('|', SEQ_IN_INDEX, COLUMN_NAME, IFNULL(COLLATION, '-'), "
                + "IFNULL(SUB_PART, '-'), INDEX_TYPE, NON_UNIQUE, IGNORED, INDEX_COMMENT) ORDER BY SEQ_IN_INDEX) "
                + "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" + table
                + "' AND INDEX_NAME = '" + index + "' HAVING COUNT(*) > 0");
    }

    private static void empty(MariaDbDatabase db) {
        String tables = db.queryString("SELECT GROUP_CONCAT(CONCAT('`', TABLE_NAME, '`')) FROM information_schema.TABLES "
                + "WHERE TABLE_SCHEMA = DATABASE()");
        if (tables != null) {
            db.execute("DROP TABLE " + tables);
        }
    }

    private static Idxmig project(MariaDbDatabase db, Path dir, String table, String key, String drop) {
        Path migrations = dir.resolve("migrations");
        ExampleProject.write(migrations, "V1__" + table + ".sql", "CREATE TABLE " + table + " (id INT NOT NULL, "
                + "a INT, b INT, name VARCHAR(100), body TEXT, g GEOMETRY NOT NULL, v INT AS (a * 2) VIRTUAL, "
                + "PRIMARY KEY (id), " + key + ");\n"
                + "INSERT INTO " + table + " (id, a, b, name, body, g) VALUES (1, 1, 2, 'alpha', 'an index of words', "
                + "POINT(1, 1)), (2, 2, 3, 'beta', 'more words', POINT(2, 2));\n");
        ExampleProject.write(migrations, "V2__drop.sql", drop);
        return db.idxmig(dir);
    }

    @Test
    void everyIndexFormComesBackAsItWasAfterADropAndAfterASoftDrop(MariaDbDatabase db, @TempDir Path dir) {
        for (Form form : FORMS) {
            empty(db); // each form from a database without history, ledger or tables
            String table = "t_" + form.name().replace(' ', '_');
            Path project = dir.resolve(table);
            Idxmig idxmig = project(db, project, table, form.key(), "DROP INDEX f ON " + table + ";\n");
            ok(idxmig, with("migrate", "--target", "1"));
            String built = catalog(db, table, "f");
            assertTrue(built != null && built.contains("|NO|"), form + ": " + built);
            if (form.name().equals("hash")) {
                assertContains(built, "|BTREE|");
            }
            ok(idxmig, with("verify"));

            // a real drop, and its rollback: a rebuild (FULLTEXT and SPATIAL only with --allow-table-copy)
            ok(idxmig, with("migrate"));
            assertNull(catalog(db, table, "f"), form.name());
            ok(idxmig, with("verify"));
            if (form.locking()) {
                CliResult refused = idxmig.run(with("rollback"));
                assertEquals(4, refused.exitCode(), refused.toString());
                assertContains(refused.stderr(), "LOCK=NONE is not supported");
                assertContains(refused.stderr(), "--allow-table-copy");
                assertContains(refused.stderr(), "--soft-drop");
                assertNull(catalog(db, table, "f"), form.name());
                CliResult rollback = ok(idxmig, with("rollback", "--allow-table-copy"));
                assertContains(rollback.stderr(), "LOCK=SHARED");
            } else {
                ok(idxmig, with("rollback"));
            }
            assertEquals(built, catalog(db, table, "f"), form.name());
            ok(idxmig, with("verify"));

            // a soft drop, and its rollback: NOT IGNORED, instant
            ok(idxmig, with("migrate", "--soft-drop"));
            String between = catalog(db, table, "f");
            if (form.soft()) {
                assertEquals(built.replace("|NO|", "|YES|"), between, form.name());
            } else {
                assertNull(between, form.name());
            }
            ok(idxmig, with("verify"));
            CliResult rollback = ok(idxmig, with("rollback", "--dry-run"));
            if (form.soft()) {
                assertContains(rollback.stdout(), "ALTER INDEX `f` NOT IGNORED, ALGORITHM=INSTANT");
            }
            ok(idxmig, with("rollback"));
            assertEquals(built, catalog(db, table, "f"), form.name());
            ok(idxmig, with("verify"));
        }
    }

    @Test
    void aPrimaryKeyCannotBeDroppedOnlineNorIgnored(MariaDbDatabase db, @TempDir Path dir) {
        Idxmig idxmig = project(db, dir, "t", "KEY f (a)", "ALTER TABLE t DROP PRIMARY KEY;\n");
        ok(idxmig, with("migrate", "--target", "1"));
        String built = catalog(db, "t", "PRIMARY");

        for (String[] args : new String[][] {with("migrate"), with("migrate", "--soft-drop")}) {
            CliResult refused = idxmig.run(args);
            assertEquals(4, refused.exitCode(), refused.toString());
            assertContains(refused.stderr(), "Dropping a primary key is not allowed without also adding a new primary "
                    + "key");
            assertEquals(built, catalog(db, "t", "PRIMARY"));
            if (args.length > 4) {
                assertContains(refused.stderr(), "MariaDB cannot ignore a primary key");
            }
        }
    }

    @Test
    void aPrimaryKeyChangeIsUndoneInOneStatementAndComesBackAsItWas(MariaDbDatabase db, @TempDir Path dir) {
        Idxmig idxmig = project(db, dir, "t", "KEY f (a)", "ALTER TABLE t MODIFY a INT NOT NULL;\n"
                + "ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (id, a);\n");
        ok(idxmig, with("migrate", "--target", "1"));
        String built = catalog(db, "t", "PRIMARY");

        CliResult migrate = ok(idxmig, with("migrate", "--soft-drop"));
        assertContains(migrate.stderr(), "dropped for real despite --soft-drop: ALTER TABLE t DROP PRIMARY KEY, ADD "
                + "PRIMARY KEY (id, a) — the statement does more than drop indexes");
        assertContains(catalog(db, "t", "PRIMARY"), "2|a|");
        ok(idxmig, with("verify"));

        CliResult plan = ok(idxmig, with("rollback", "--dry-run", "--force"));
        assertContains(plan.stdout(), "ALTER TABLE `" + db.name() + "`.`t` DROP PRIMARY KEY, ADD PRIMARY KEY (`id`);");
        ok(idxmig, with("rollback", "--force"));
        assertEquals(built, catalog(db, "t", "PRIMARY"));
        ok(idxmig, with("verify"));
    }

    @Test
    void aMemoryTablesIndexCannotBeDroppedOnlineButItsSoftDropIsInstant(MariaDbDatabase db, @TempDir Path dir) {
        Path migrations = dir.resolve("migrations");
        ExampleProject.write(migrations, "V1__m.sql", "CREATE TABLE m (id INT NOT NULL, a INT, PRIMARY KEY (id), "
                + "KEY f (a) USING HASH) ENGINE = MEMORY;\n");
        ExampleProject.write(migrations, "V2__drop.sql", "DROP INDEX f ON m;\n");
        Idxmig idxmig = db.idxmig(dir);
        ok(idxmig, with("migrate", "--target", "1"));
        String built = catalog(db, "m", "f");
        assertContains(built, "|HASH|");

        CliResult hard = idxmig.run(with("migrate"));
        assertEquals(4, hard.exitCode(), hard.toString());
        assertContains(hard.stderr(), "ALGORITHM=INPLACE is not supported");
        assertEquals(built, catalog(db, "m", "f"));

        ok(idxmig, with("repair"));
        ok(idxmig, with("migrate", "--soft-drop"));
        assertEquals(built.replace("|NO|", "|YES|"), catalog(db, "m", "f"));
        ok(idxmig, with("verify"));
        ok(idxmig, with("rollback"));
        assertEquals(built, catalog(db, "m", "f"));
        ok(idxmig, with("verify"));
    }
}
