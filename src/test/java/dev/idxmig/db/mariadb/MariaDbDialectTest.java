package dev.idxmig.db.mariadb;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.ConnectionSettings;
import dev.idxmig.config.Secret;
import dev.idxmig.db.Database;
import dev.idxmig.db.ExplainRequest;
import dev.idxmig.db.Explainer;
import dev.idxmig.db.IndexInfo;
import dev.idxmig.db.QueryPlan;
import dev.idxmig.db.RunnerLock;
import dev.idxmig.testing.MariaDbDatabase;
import dev.idxmig.testing.MariaDbExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MariaDB dialect against a real server: its catalog, runner lock and plans. */
@Tag("mariadb")
@ExtendWith(MariaDbExtension.class)
class MariaDbDialectTest {

    private static Database open(MariaDbDatabase db) {
        return Database.open(new ConnectionSettings(db.jdbcUrl(), Optional.of(db.user()),
                Optional.of(Secret.of(db.password()))), Optional.empty());
    }

    private static Map<String, IndexInfo> catalog(Database database) {
        Map<String, IndexInfo> byName = new LinkedHashMap<>();
        database.snapshot().withConstraints().forEach(i -> byName.put(i.name(), i));
        return byName;
    }

    @Test
    void everyIndexFormReadsAsOneCanonicalDefinitionThatRebuildsItself(MariaDbDatabase db) throws SQLException {
        db.execute("CREATE TABLE docs (id INT NOT NULL PRIMARY KEY, code VARCHAR(200) NOT NULL, body TEXT, "
                        + "created DATETIME NOT NULL, place POINT NOT NULL) ENGINE=InnoDB",
                "CREATE UNIQUE INDEX docs_code ON docs (code(20))",
                "CREATE INDEX docs_recent ON docs (created DESC, id)",
                "CREATE FULLTEXT INDEX docs_body ON docs (body)",
                "CREATE SPATIAL INDEX docs_place ON docs (place)",
                "CREATE TABLE sessions (token CHAR(32) NOT NULL, KEY sessions_token (token) USING HASH) ENGINE=MEMORY");
        try (Database database = open(db)) {
            assertEquals(db.name(), database.schema(), "the URL's database is the schema");
            Map<String, IndexInfo> indexes = catalog(database);
            assertEquals(Map.of(
                    "docs.PRIMARY", "ALTER TABLE `docs` ADD PRIMARY KEY (`id`) USING BTREE",
                    "docs_body", "CREATE FULLTEXT INDEX `docs_body` ON `docs` (`body`)",
                    "docs_code", "CREATE UNIQUE INDEX `docs_code` ON `docs` (`code`(20)) USING BTREE",
                    "docs_place", "CREATE SPATIAL INDEX `docs_place` ON `docs` (`place`)",
                    "docs_recent", "CREATE INDEX `docs_recent` ON `docs` (`created` DESC, `id`) USING BTREE",
                    "sessions_token", "CREATE INDEX `sessions_token` ON `sessions` (`token`) USING HASH"),
                    toDefinitions(indexes));
            assertEquals("PRIMARY KEY (`id`)", indexes.get("docs.PRIMARY").constraint().orElseThrow().definition());
            assertEquals(List.of("docs.PRIMARY"), database.snapshot().withConstraints().stream()
                    .filter(i -> i.constraint().isPresent()).map(IndexInfo::name).toList());
            assertEquals("fulltext", indexes.get("docs_body").method());

            // a MEMORY table has no online DDL: the online form is refused, in the server's words
            String online = database.dialect().onlineCreate(indexes.get("sessions_token").definition());
            assertEquals("CREATE INDEX `sessions_token` ON `sessions` (`token`) USING HASH ALGORITHM=INPLACE "
                    + "LOCK=NONE", online);
            db.execute("DROP INDEX sessions_token ON sessions");
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> db.execute(online));
            assertTrue(refused.getMessage().contains("ALGORITHM=INPLACE is not supported"), refused.getMessage());
            db.execute(indexes.get("sessions_token").definition());
            // each InnoDB index dropped and rebuilt online from its definition reads back the same (FULLTEXT and
            // SPATIAL builds take a shared lock: LOCK=NONE is refused for them)
            for (IndexInfo index : database.snapshot().all()) {
                if (index.table().equals("docs")) {
                    db.execute("DROP INDEX `" + index.name() + "` ON `" + index.table() + "`",
                            database.dialect().onlineCreate(index.definition()).replace(" LOCK=NONE",
                                    index.method().equals("btree") ? " LOCK=NONE" : ""));
                }
            }
            assertEquals(toDefinitions(indexes), toDefinitions(catalog(database)));
        }
    }

    private static Map<String, String> toDefinitions(Map<String, IndexInfo> indexes) {
        Map<String, String> definitions = new java.util.TreeMap<>();
        indexes.forEach((name, index) -> definitions.put(name, index.definition()));
        return definitions;
    }

    @Test
    void idxmigsOwnTablesAndOtherDatabasesAreLeftOut(MariaDbDatabase db) {
        db.execute("CREATE TABLE flyway_schema_history (id INT PRIMARY KEY, v INT, KEY fsh_v (v))",
                "CREATE TABLE t (id INT PRIMARY KEY, a INT, KEY t_a (a))");
        try (Database database = open(db)) {
            assertEquals(List.of("t.PRIMARY", "t_a"), catalog(database).keySet().stream().toList());
            assertEquals(Map.of("t", List.of("id int", "a int")), database.tables(database.connect()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSecondRunnerWaitsForTheLockAndIsToldWhoHoldsIt(MariaDbDatabase db) {
        try (Database first = open(db); Database second = open(db)) {
            try (RunnerLock held = first.dialect().lockRunners(first, Duration.ofSeconds(1))) {
                IdxmigException e = assertThrows(IdxmigException.class,
                        () -> second.dialect().lockRunners(second, Duration.ofMillis(300)));
                assertTrue(e.getMessage().startsWith("another idxmig run holds the migration lock on database "
                        + db.name() + " (session "), e.getMessage());
                assertEquals(5, e.failure().exitCode());
            }
            second.dialect().lockRunners(second, Duration.ofMillis(300)).close(); // released: free at once
        }
    }

    @Test
    void plansNameTheIndexAndAChecksTransactionCannotWrite(MariaDbDatabase db) throws SQLException {
        db.execute("CREATE TABLE t (id INT PRIMARY KEY, a INT, b INT, KEY t_a (a))",
                "INSERT INTO t SELECT seq, seq % 100, seq FROM seq_1_to_2000", "ANALYZE TABLE t");
        try (Database database = open(db); Connection c = database.connect()) {
            Explainer explainer = database.dialect().explainer(database.schema());
            try (Explainer.CheckTransaction tx = explainer.begin(c, false)) {
                QueryPlan plan = explainer.explain(c, new ExplainRequest("SELECT * FROM t WHERE a = ?", List.of(7),
                        false, false, false));
                assertEquals(java.util.Set.of("t_a"), plan.indexes());
                QueryPlan scan = explainer.explain(c, new ExplainRequest("SELECT * FROM t WHERE b = 7", List.of(),
                        false, true, false));
                assertEquals(java.util.Set.of("t"), scan.fullScans());
                assertTrue(scan.rowsExamined().orElseThrow() >= 2000, scan.toString());
                try (Statement st = c.createStatement()) {
                    SQLException refused = assertThrows(SQLException.class, () -> st.execute("DELETE FROM t"));
                    assertTrue(refused.getMessage().toLowerCase().contains("read only"), refused.getMessage());
                }
            }
        }
        assertEquals(2000, db.queryLong("SELECT count(*) FROM t"));
    }
}
