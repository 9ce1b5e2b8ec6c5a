package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.MariaDbDatabase;
import dev.idxmig.testing.MariaDbExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lint corpus's framework-shaped migrations (Rails, Laravel, Django, Prisma) run on a real MariaDB: each index
 * statement made online and recorded, verify holds them, rollback takes them back; the FULLTEXT build that cannot run
 * online stops with MariaDB's words before anything of it is applied.
 */
@Tag("mariadb")
@ExtendWith(MariaDbExtension.class)
class MariaDbCorpusMigrateCliTest {
    private static final Path CORPUS = Path.of("src/test/resources/lint-corpus/mariadb");

    private static void assertContains(String text, String part) {
        assertTrue(text.contains(part), "expected '" + part + "' in:\n" + text);
    }

    @Test
    void frameworkShapedMigrationsRunOnlineAndRollBack(MariaDbDatabase db, @TempDir Path dir) throws IOException {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                Files.copy(f, migrations.resolve(f.getFileName()));
            }
        }
        Idxmig idxmig = db.idxmig(dir);
        CliResult upTo5 = idxmig.run("migrate", "--target", "5", "--no-backup", "--verbose");
        assertEquals(0, upTo5.exitCode(), upTo5.toString());
        assertContains(upTo5.stderr(), "runs online: alter table `posts` add index `posts_user_id_created_at_index`");
        // V2..V5 build seven indexes; the ledger records each (the unique constraint of Django's under its name)
        assertEquals(7, db.queryLong("SELECT count(*) FROM idxmig_index_ledger WHERE action = 'created' AND "
                + "index_name IN ('index_posts_on_created_at', 'index_users_on_email', "
                + "'posts_user_id_created_at_index', 'posts_slug_unique', 'posts_title_4b0e7f_idx', "
                + "'users_name_uniq', 'posts_user_id_title_idx')"), db.queryString("SELECT group_concat(index_name) "
                + "FROM idxmig_index_ledger"));
        assertEquals(1, db.queryLong("SELECT count(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = "
                + "DATABASE() AND INDEX_NAME = 'users_name_uniq' AND NON_UNIQUE = 0 AND SEQ_IN_INDEX = 1"));
        CliResult verify = idxmig.run("verify");
        assertEquals(0, verify.exitCode(), verify.toString());

        CliResult back = idxmig.run("rollback", "--to", "1");
        assertEquals(0, back.exitCode(), back.toString());
        assertEquals(0, db.queryLong("SELECT count(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = "
                + "DATABASE() AND INDEX_NAME IN ('index_posts_on_created_at', 'posts_slug_unique', "
                + "'users_name_uniq', 'posts_user_id_title_idx')"));
        assertEquals(0, idxmig.run("verify").exitCode());

        // on to the end: V7's forced copy is refused before anything of any pending script runs
        CliResult all = idxmig.run("migrate", "--no-backup");
        assertEquals(4, all.exitCode(), all.toString());
        assertContains(all.stderr(), "V7__forced_copy.sql:3: refused before anything ran");
        assertEquals(0, db.queryLong("SELECT count(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = "
                + "DATABASE() AND INDEX_NAME = 'index_posts_on_created_at'"), "V2 ran before the refusal");
        // allowed to copy, it runs up to V6, whose FULLTEXT build cannot run online: MariaDB's words, and a stop
        CliResult allowed = idxmig.run("migrate", "--no-backup", "--allow-table-copy");
        assertEquals(4, allowed.exitCode(), allowed.toString());
        assertContains(allowed.stderr(), "Fulltext index creation requires a lock");
        assertEquals(0, db.queryLong("SELECT count(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = "
                + "DATABASE() AND INDEX_NAME = 'ft_posts_body'"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = "
                + "DATABASE() AND INDEX_NAME = 'idx_users_name'"), "V7 ran after V6 failed");
    }
}
