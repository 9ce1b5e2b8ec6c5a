package dev.idxmig.db.mariadb;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MariaDB index statements made online, or refused, from their text alone. */
@Tag("unit")
class MariaDbOnlineDdlTest {

    private static String rewritten(String sql) {
        return assertInstanceOf(OnlineDdl.Rewritten.class, OnlineDdl.rewrite(sql)).sql();
    }

    @Test
    void createIndexGetsAlgorithmAndLockAfterItsColumns() {
        assertEquals("CREATE INDEX idx_a ON t (a, b) ALGORITHM=INPLACE LOCK=NONE",
                rewritten("CREATE INDEX idx_a ON t (a, b)"));
        assertEquals("CREATE UNIQUE INDEX `u` ON `db`.`t` (`code`(10) DESC) USING BTREE ALGORITHM=INPLACE LOCK=NONE",
                rewritten("CREATE UNIQUE INDEX `u` ON `db`.`t` (`code`(10) DESC) USING BTREE"));
    }

    @Test
    void dropIndexAndAlterTableGetThemToo() {
        // MariaDB's DROP INDEX takes no ALGORITHM or LOCK: it becomes the same drop as an ALTER TABLE
        assertEquals("ALTER TABLE `t` DROP INDEX IF EXISTS `i`, ALGORITHM=INPLACE, LOCK=NONE",
                rewritten("DROP INDEX IF EXISTS `i` ON `t`"));
        assertEquals("ALTER TABLE db.t NOWAIT DROP INDEX i, ALGORITHM=INPLACE, LOCK=NONE",
                rewritten("DROP INDEX i ON db.t NOWAIT"));
        assertEquals("ALTER TABLE t ADD INDEX i (a), DROP KEY j, ALGORITHM=INPLACE, LOCK=NONE",
                rewritten("ALTER TABLE t ADD INDEX i (a), DROP KEY j"));
        assertEquals("ALTER TABLE t ADD UNIQUE (a), ALGORITHM=INPLACE, LOCK=NONE",
                rewritten("ALTER TABLE t ADD UNIQUE (a)"));
        assertEquals("ALTER TABLE t ADD CONSTRAINT c UNIQUE KEY (a), ALGORITHM=INPLACE, LOCK=NONE",
                rewritten("ALTER TABLE t ADD CONSTRAINT c UNIQUE KEY (a)"));
    }

    @Test
    void whatTheScriptSaidIsKeptAndOnlyTheRestAdded() {
        assertEquals("ALTER TABLE t ADD INDEX i (a), LOCK=NONE, ALGORITHM=INPLACE",
                rewritten("ALTER TABLE t ADD INDEX i (a), LOCK=NONE"));
        assertEquals("CREATE INDEX i ON t (a) ALGORITHM = NOCOPY LOCK=NONE",
                rewritten("CREATE INDEX i ON t (a) ALGORITHM = NOCOPY"));
        assertInstanceOf(OnlineDdl.AsWritten.class,
                OnlineDdl.rewrite("ALTER TABLE t ADD INDEX i (a), ALGORITHM=INPLACE, LOCK=NONE"));
        // INSTANT takes no lock to speak of (and MySQL refuses any LOCK beside it): nothing added
        assertInstanceOf(OnlineDdl.AsWritten.class, OnlineDdl.rewrite("ALTER TABLE t DROP INDEX i, ALGORITHM=INSTANT"));
    }

    @Test
    void addedTextGoesAfterTheLastTokenNotAfterTrailingComments() {
        assertEquals("CREATE INDEX i ON `t` (`a`) ALGORITHM=INPLACE LOCK=NONE -- the lookup",
                rewritten("CREATE INDEX i ON `t` (`a`) -- the lookup"));
        assertEquals("ALTER TABLE `my``t` DROP INDEX i, ALGORITHM=INPLACE, LOCK=NONE -- gone",
                rewritten("DROP INDEX i ON `my``t` -- gone"));
    }

    @Test
    void aForcedCopyOrBlockingLockIsRefusedWithItsReason() {
        for (String sql : List.of("ALTER TABLE t ADD INDEX i (a), ALGORITHM=COPY",
                "CREATE INDEX i ON t (a) LOCK=EXCLUSIVE", "ALTER TABLE t DROP INDEX i, LOCK=SHARED",
                "ALTER TABLE t ADD INDEX i (a), ALGORITHM=DEFAULT")) {
            OnlineDdl.Refused refused = assertInstanceOf(OnlineDdl.Refused.class, OnlineDdl.rewrite(sql), sql);
            assertTrue(refused.reason().contains("COPY") || refused.reason().contains("LOCK=")
                    || refused.reason().contains("DEFAULT"), refused.reason());
        }
    }

    @Test
    void statementsThatTouchNoIndexAreLeftAlone() {
        for (String sql : List.of("CREATE TABLE t (id INT PRIMARY KEY, KEY k (id))", "INSERT INTO t VALUES (1)",
                "ALTER TABLE t ADD COLUMN c INT", "DROP TABLE t", "SELECT 'CREATE INDEX i ON t (a)'",
                "ALTER TABLE t LOCK = SHARED")) {
            assertInstanceOf(OnlineDdl.NotIndex.class, OnlineDdl.rewrite(sql), sql);
        }
    }

    @Test
    void theIndexesAStatementAddsAndDropsAreNamed() {
        OnlineDdl.Reading r = OnlineDdl.read("ALTER TABLE `w` ADD INDEX `a` (x), DROP INDEX b, ADD PRIMARY KEY (id), "
                + "ADD KEY (y)").orElseThrow();
        assertEquals("w", r.table());
        assertEquals(List.of(new OnlineDdl.Change(true, "a"), new OnlineDdl.Change(false, "b"),
                new OnlineDdl.Change(true, "PRIMARY")), r.changes());
        assertEquals(List.of(new OnlineDdl.Change(true, "i")),
                OnlineDdl.read("CREATE INDEX IF NOT EXISTS i ON db.t (a)").orElseThrow().changes());
    }

    @Test
    void lockWaitTimeoutIsWholeSecondsAndNeverZero() {
        assertEquals(1, MariaDbStatementGuard.seconds(java.time.Duration.ofMillis(200)));
        assertEquals(5, MariaDbStatementGuard.seconds(java.time.Duration.ofSeconds(5)));
        assertEquals(3, MariaDbStatementGuard.seconds(java.time.Duration.ofMillis(2001)));
    }

    @Test
    void onlyIndexChangesTellsAnIndexOnlyAlterTableFromATableChange() {
        for (String sql : List.of("ALTER TABLE `users` ADD CONSTRAINT `users_name_uniq` UNIQUE (`name`)",
                "alter table `posts` add unique `posts_slug_unique`(`slug`)",
                "ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (a, b)",
                "ALTER TABLE t ADD INDEX i (a), ALGORITHM=INPLACE, LOCK=NONE",
                "ALTER ONLINE TABLE IF EXISTS t RENAME INDEX i TO j",
                "CREATE INDEX i ON t (a)")) {
            assertTrue(OnlineDdl.onlyIndexChanges(sql), sql);
        }
        for (String sql : List.of("ALTER TABLE t ADD COLUMN c INT, ADD INDEX i_c (c)",
                "ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES u (id)",
                "ALTER TABLE t MODIFY a BIGINT", "UPDATE t SET a = 1")) {
            assertTrue(!OnlineDdl.onlyIndexChanges(sql), sql);
        }
    }

    @Test
    void aSoftDropTakesOnlyStatementsThatDoNothingButDropIndexes() {
        assertEquals(java.util.Optional.of(List.of("i")), OnlineDdl.onlyDrops("DROP INDEX IF EXISTS `i` ON db.t"));
        assertEquals(java.util.Optional.of(List.of("i", "j")),
                OnlineDdl.onlyDrops("ALTER TABLE t DROP INDEX i, DROP KEY IF EXISTS j, ALGORITHM=INPLACE, LOCK=NONE"));
        assertEquals(java.util.Optional.of(List.of("PRIMARY")), OnlineDdl.onlyDrops("ALTER TABLE t DROP PRIMARY KEY"));
        for (String other : List.of("ALTER TABLE t ADD INDEX i (a), DROP KEY j", "CREATE INDEX i ON t (a)",
                "ALTER TABLE t DROP COLUMN c", "ALTER TABLE t DROP INDEX i, DROP COLUMN c",
                "ALTER TABLE t RENAME INDEX i TO j", "ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (id, a)",
                "SELECT 1")) {
            assertEquals(java.util.Optional.empty(), OnlineDdl.onlyDrops(other), other);
        }
    }

    @Test
    void softDropsAreInstantAndTheirDefinitionsReadBothWays() {
        MariaDbSoftDrops soft = new MariaDbSoftDrops();
        assertEquals("ALTER TABLE `db`.`t` ALTER INDEX `i` IGNORED, ALGORITHM=INSTANT", soft.ignore("db", "t", "i"));
        assertEquals("ALTER TABLE `db`.`t` ALTER INDEX `i` NOT IGNORED, ALGORITHM=INSTANT",
                soft.restore("db", "t", "t.i"));
        String plain = "CREATE INDEX `i` ON `t` (`a`) USING BTREE";
        assertTrue(soft.ignored(plain + " IGNORED"));
        assertTrue(!soft.ignored(plain));
        assertEquals(plain, soft.unignored(plain + " IGNORED"));
        assertEquals(plain, soft.unignored(plain));
        // what the statement guard asks of a rollback's rebuild: FULLTEXT and SPATIAL under the lock InnoDB needs
        MariaDbDialect dialect = new MariaDbDialect();
        assertEquals(java.util.Optional.of("CREATE FULLTEXT INDEX `f` ON `t` (`b`) ALGORITHM=INPLACE LOCK=SHARED"),
                dialect.lockingCreate("CREATE FULLTEXT INDEX `f` ON `t` (`b`)"));
        assertEquals(java.util.Optional.empty(), dialect.lockingCreate(plain));
    }
}
