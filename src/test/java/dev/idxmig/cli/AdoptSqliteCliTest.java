package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.Idxmig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A SQLite file another program made (a Django-style app), adopted and migrated through the CLI. */
@Tag("sqlite")
class AdoptSqliteCliTest {
    @TempDir
    Path dir;

    /** What Django leaves behind: app tables with foreign keys and their indexes, django_migrations, rows. */
    static final String[] DJANGO = {
        "CREATE TABLE django_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT, app VARCHAR(255) NOT NULL, "
            + "name VARCHAR(255) NOT NULL, applied DATETIME NOT NULL)",
        "CREATE TABLE auth_user (id INTEGER PRIMARY KEY AUTOINCREMENT, username VARCHAR(150) NOT NULL UNIQUE, "
            + "email VARCHAR(254) NOT NULL)",
        "CREATE TABLE shop_customer (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER NOT NULL "
            + "REFERENCES auth_user (id), name VARCHAR(100) NOT NULL)",
        "CREATE INDEX shop_customer_user_id_a1b2c3 ON shop_customer (user_id)",
        "CREATE TABLE shop_order (id INTEGER PRIMARY KEY AUTOINCREMENT, customer_id INTEGER NOT NULL "
            + "REFERENCES shop_customer (id), status VARCHAR(10) NOT NULL, placed_at DATETIME NOT NULL)",
        "CREATE INDEX shop_order_customer_id_d4e5f6 ON shop_order (customer_id)",
        "CREATE INDEX shop_order_status_0f1e2d ON shop_order (status)",
        "INSERT INTO django_migrations (app, name, applied) VALUES ('shop', '0001_initial', '2024-01-01')",
        "INSERT INTO auth_user (username, email) VALUES ('ann', 'ann@example.com')",
        "INSERT INTO shop_customer (user_id, name) VALUES (1, 'Ann')",
        "INSERT INTO shop_order (customer_id, status, placed_at) VALUES (1, 'open', '2024-02-01')",
    };

    private void djangoApp() throws SQLException {
        execute(DJANGO);
    }

    private void execute(String... sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"));
             Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("app.db"));
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Idxmig idxmig() {
        return Idxmig.in(dir).target("--url", "jdbc:sqlite:app.db");
    }

    private void indexMigration() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__orders_by_customer.sql"),
                "CREATE INDEX idx_shop_order_customer_placed ON shop_order (customer_id, placed_at DESC);\n");
    }

    @Test
    void migrateOnAnUnadoptedSchemaStopsWithIdxmigsWordsAndTouchesNothing() throws Exception {
        djangoApp();
        indexMigration();
        CliResult r = idxmig().run("migrate");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("schema main holds 4 tables but no migration history"), r::toString);
        assertTrue(r.stderr().contains("'idxmig baseline'") && r.stderr().contains("--baseline-on-migrate"),
                r::toString);
        assertFalse(r.stderr().contains("baseline()") || r.stderr().contains("baselineOnMigrate"), r::toString);
        assertEquals(0, count("SELECT count(*) FROM sqlite_schema WHERE name IN ('flyway_schema_history', "
                + "'idxmig_index_ledger')"), "nothing was created");
        assertFalse(Files.exists(dir.resolve("backups")), "no backup either");
    }

    @Test
    void baselineAdoptsTheIndexesThenMigrateStatusVerifyAndRollbackKeepThem() throws Exception {
        djangoApp();
        indexMigration();
        Idxmig idxmig = idxmig();

        CliResult baseline = idxmig.run("baseline");
        assertEquals(0, baseline.exitCode(), baseline::toString);
        assertTrue(baseline.stdout().contains("baseline 0: 4 tables, 3 indexes adopted"), baseline::toString);
        assertEquals(3, count("SELECT count(*) FROM idxmig_index_ledger WHERE action = 'adopted' AND version = '0'"));

        CliResult again = idxmig.run("baseline");
        assertEquals(2, again.exitCode(), again::toString);
        assertTrue(again.stderr().contains("already has a migration history (flyway_schema_history, at version 0)"),
                again::toString);

        CliResult migrate = idxmig.run("migrate");
        assertEquals(0, migrate.exitCode(), migrate::toString);
        assertTrue(migrate.stdout().contains("created idx_shop_order_customer_placed on shop_order"),
                migrate::toString);

        CliResult status = idxmig.run("status");
        assertEquals(0, status.exitCode(), status::toString);
        assertTrue(status.stdout().contains("baseline 0: 3 indexes adopted"), status::toString);
        assertTrue(status.stdout().contains("created idx_shop_order_customer_placed on shop_order: valid"),
                status::toString);

        execute("DROP INDEX shop_order_status_0f1e2d"); // by hand, in production
        CliResult verify = idxmig.run("verify");
        assertEquals(0, verify.exitCode(), "drift of an adopted index is a warning: " + verify);
        assertTrue(verify.stdout().contains("shop_order_status_0f1e2d on shop_order: is gone (adopted at baseline 0)"),
                verify::toString);
        CliResult strict = idxmig.run("verify", "--strict");
        assertEquals(1, strict.exitCode(), strict::toString);

        CliResult rollback = idxmig.run("rollback", "--to", "0");
        assertEquals(0, rollback.exitCode(), rollback::toString);
        assertEquals(0, count("SELECT count(*) FROM sqlite_schema WHERE name = 'idx_shop_order_customer_placed'"));
        assertEquals(2, count("SELECT count(*) FROM sqlite_schema WHERE name IN ('shop_customer_user_id_a1b2c3', "
                + "'shop_order_customer_id_d4e5f6')"), "adopted indexes are never dropped");
        CliResult more = idxmig.run("rollback");
        assertEquals(2, more.exitCode(), more::toString);
        assertTrue(more.stderr().contains("since it was adopted at baseline 0"), more::toString);
        assertEquals(2, count("SELECT count(*) FROM sqlite_schema WHERE name IN ('shop_customer_user_id_a1b2c3', "
                + "'shop_order_customer_id_d4e5f6')"));
        assertEquals(4, count("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name LIKE 'shop_%' "
                + "OR name IN ('auth_user', 'django_migrations')"));
    }

    @Test
    void baselineOnMigrateAdoptsAndMigratesInOneStep() throws Exception {
        djangoApp();
        indexMigration();
        CliResult r = idxmig().run("migrate", "--baseline-on-migrate");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("adopted schema main at baseline 0: 4 tables, 3 indexes recorded as adopted"),
                r::toString);
        assertTrue(r.stdout().contains("now at version 1"), r::toString);
        assertEquals(1, count("SELECT count(*) FROM flyway_schema_history WHERE type = 'BASELINE' AND version = '0'"));
    }

    @Test
    void baselineOnMigrateFromIdxmigYaml() throws Exception {
        djangoApp();
        indexMigration();
        Files.writeString(dir.resolve("idxmig.yaml"), "url: jdbc:sqlite:app.db\nbaseline_on_migrate: true\n");
        CliResult r = Idxmig.in(dir).run("migrate");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(3, count("SELECT count(*) FROM idxmig_index_ledger WHERE action = 'adopted'"));
    }

    @Test
    void badBaselineInputChangesNothing() throws Exception {
        djangoApp();
        CliResult notAVersion = idxmig().run("baseline", "--baseline-version", "one");
        assertEquals(2, notAVersion.exitCode(), notAVersion::toString);
        assertTrue(notAVersion.stderr().contains("baseline version 'one' is not a version"), notAVersion::toString);

        CliResult notHistory = idxmig().run("baseline", "--table", "shop_order");
        assertEquals(2, notHistory.exitCode(), notHistory::toString);
        assertTrue(notHistory.stderr().contains("table shop_order in schema main is not a Flyway history table"),
                notHistory::toString);
        CliResult statusNotHistory = idxmig().run("status", "--table", "shop_order");
        assertEquals(2, statusNotHistory.exitCode(), statusNotHistory::toString);
        assertEquals(0, count("SELECT count(*) FROM sqlite_schema WHERE name IN ('flyway_schema_history', "
                + "'idxmig_index_ledger')"));

        assertEquals(0, idxmig().run("baseline", "--baseline-version", "3").exitCode());
        CliResult lower = idxmig().run("baseline", "--baseline-version", "1");
        assertEquals(2, lower.exitCode(), lower::toString);
        assertTrue(lower.stderr().contains("baseline version 1 is lower than applied version 3"), lower::toString);
    }

    @Test
    void initWritesTheProjectAndSaysHowToAdoptThenNewWritesTheMigrationAndNeverOverwrites() throws Exception {
        djangoApp();
        CliResult init = Idxmig.in(dir).run("init", "--url", "jdbc:sqlite:app.db");
        assertEquals(0, init.exitCode(), init::toString);
        assertTrue(init.stdout().contains("4 tables, 3 indexes, no migration history"), init::toString);
        assertTrue(init.stdout().contains("next: idxmig baseline"), init::toString);
        String yaml = Files.readString(dir.resolve("idxmig.yaml"));
        assertTrue(yaml.contains("url: jdbc:sqlite:app.db\n") && yaml.contains("locations:\n  - migrations"), yaml);
        assertTrue(Files.isRegularFile(dir.resolve("migrations/README.md")));

        CliResult twice = Idxmig.in(dir).run("init");
        assertEquals(2, twice.exitCode(), twice::toString);
        assertTrue(twice.stderr().contains("this folder has a project already (idxmig.yaml, migrations/README.md"),
                twice::toString);
        assertEquals(yaml, Files.readString(dir.resolve("idxmig.yaml")), "not overwritten");

        CliResult made = Idxmig.in(dir).run("new", "orders by customer", "--index",
                "shop_order (customer_id, placed_at DESC) WHERE status = 'open'");
        assertEquals(0, made.exitCode(), made::toString);
        Path v1 = dir.resolve("migrations/V1__orders_by_customer.sql");
        assertTrue(Files.readString(v1).contains("CREATE INDEX idx_shop_order_customer_id_placed_at ON shop_order "
                + "(customer_id, placed_at DESC) WHERE status = 'open';"), Files.readString(v1));
        assertFalse(Files.exists(dir.resolve("migrations/V1__orders_by_customer.sql.conf")), "no sidecar on SQLite");
        assertTrue(Files.readString(dir.resolve("migrations/U1__orders_by_customer.sql"))
                .contains("DROP INDEX IF EXISTS idx_shop_order_customer_id_placed_at;"));
        assertTrue(Files.readString(dir.resolve("migrations/checks.yaml"))
                .contains("uses_index: idx_shop_order_customer_id_placed_at"));

        CliResult second = Idxmig.in(dir).run("new", "status lookups");
        assertEquals(0, second.exitCode(), second::toString);
        assertTrue(Files.exists(dir.resolve("migrations/V2__status_lookups.sql")), second::toString);

        CliResult bad = Idxmig.in(dir).run("new", "../escape");
        assertEquals(2, bad.exitCode(), bad::toString);
        assertTrue(bad.stderr().contains("cannot be part of a file name"), bad::toString);

        // the adoption and the written migration run as the README says
        assertEquals(0, Idxmig.in(dir).run("migrate", "--baseline-on-migrate").exitCode());
        CliResult plan = Idxmig.in(dir).run("plan-check");
        // the check the scaffolded migration wrote holds: its index is used
        assertEquals(0, plan.exitCode(), plan::toString);
    }

    @Test
    void aBaselineVersionAboveOneLeavesTheScriptsItStandsForUnapplied() throws Exception {
        djangoApp();
        indexMigration();
        Files.writeString(dir.resolve("migrations/V2__status_placed.sql"),
                "CREATE INDEX idx_shop_order_status_placed ON shop_order (status, placed_at);\n");
        Idxmig idxmig = idxmig();
        assertEquals(0, idxmig.run("baseline", "--baseline-version", "1.5", "--baseline-description", "Django 0001")
                .exitCode());
        CliResult status = idxmig.run("status");
        assertTrue(status.stdout().matches("(?s).*\\n  1 +below baseline .*"), status::toString);
        assertTrue(status.stdout().contains("baseline 1.5: 3 indexes adopted (Django 0001)"), status::toString);
        CliResult migrate = idxmig.run("migrate");
        assertEquals(0, migrate.exitCode(), migrate::toString);
        assertTrue(migrate.stdout().contains("Applied 1 migration"), migrate::toString);
        assertEquals(0, count("SELECT count(*) FROM sqlite_schema WHERE name = 'idx_shop_order_customer_placed'"));
        assertEquals(1, count("SELECT count(*) FROM sqlite_schema WHERE name = 'idx_shop_order_status_placed'"));
    }
}
