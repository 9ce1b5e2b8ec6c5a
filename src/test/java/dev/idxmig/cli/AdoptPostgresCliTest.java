package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Databases other tools made, on a real PostgreSQL: a Django app, tenant schemas, a Flyway project. */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class AdoptPostgresCliTest {
    @TempDir
    Path dir;

    /** A Django-style app in {@code schema}: FKs with their indexes (Django's _like and hash-named ones), rows. */
    static String[] django(String schema) {
        String s = schema + ".";
        return new String[] {
            "CREATE SCHEMA IF NOT EXISTS " + schema,
            "CREATE TABLE " + s + "django_migrations (id bigserial PRIMARY KEY, app varchar(255) NOT NULL, "
                + "name varchar(255) NOT NULL, applied timestamptz NOT NULL)",
            "CREATE TABLE " + s + "auth_user (id serial PRIMARY KEY, username varchar(150) NOT NULL UNIQUE, "
                + "email varchar(254) NOT NULL)",
            "CREATE INDEX auth_user_username_6821ab7c_like ON " + s + "auth_user (username varchar_pattern_ops)",
            "CREATE TABLE " + s + "shop_order (id bigserial PRIMARY KEY, customer_id integer NOT NULL "
                + "REFERENCES " + s + "auth_user (id) DEFERRABLE INITIALLY DEFERRED, status varchar(10) NOT NULL, "
                + "placed_at timestamptz NOT NULL)",
            "CREATE INDEX shop_order_customer_id_4c1b9e2f ON " + s + "shop_order (customer_id)",
            "CREATE INDEX shop_order_status_9a8b7c6d ON " + s + "shop_order (status)",
            "INSERT INTO " + s + "django_migrations (app, name, applied) VALUES ('shop', '0001_initial', now())",
            "INSERT INTO " + s + "auth_user (username, email) VALUES ('ann', 'ann@example.com')",
            "INSERT INTO " + s + "shop_order (customer_id, status, placed_at) SELECT 1, 'open', now() "
                + "FROM generate_series(1, 50)",
        };
    }

    private void indexMigration() throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("migrations/V1__open_orders.sql"),
                "CREATE INDEX CONCURRENTLY idx_shop_order_open ON shop_order (customer_id, placed_at DESC) "
                        + "WHERE status = 'open';\n");
        Files.writeString(dir.resolve("migrations/V1__open_orders.sql.conf"), "executeInTransaction=false\n");
    }

    @Test
    void aDjangoSchemaIsAdoptedOnMigrateThenVerifyReportsAHandDroppedAdoptedIndex(PgDatabase db) throws Exception {
        db.execute(django("public"));
        indexMigration();
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());

        CliResult refused = idxmig.run("migrate");
        assertEquals(2, refused.exitCode(), refused::toString);
        assertTrue(refused.stderr().contains("schema public holds 3 tables but no migration history"),
                refused::toString);
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 'flyway_schema_history'"));

        CliResult r = idxmig.run("migrate", "--baseline-on-migrate");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("created idx_shop_order_open on shop_order"), r::toString);
        assertEquals(7, db.queryLong("SELECT count(*) FROM idxmig_index_ledger WHERE action = 'adopted'"),
                "the two FK indexes, the _like index, three primary keys and the username unique constraint");

        CliResult status = idxmig.run("status");
        assertTrue(status.stdout().contains("baseline 0: 7 indexes adopted"), status::toString);
        assertTrue(status.stdout().contains("created idx_shop_order_open on shop_order: valid"), status::toString);

        db.execute("DROP INDEX shop_order_status_9a8b7c6d");
        CliResult verify = idxmig.run("verify");
        assertEquals(0, verify.exitCode(), verify::toString);
        assertTrue(verify.stdout().contains("shop_order_status_9a8b7c6d on shop_order: is gone (adopted at "
                + "baseline 0)"), verify::toString);
        assertTrue(verify.stdout().contains("CREATE INDEX CONCURRENTLY shop_order_status_9a8b7c6d"),
                verify::toString);
        assertEquals(1, idxmig.run("verify", "--strict").exitCode());

        CliResult rollback = idxmig.run("rollback");
        assertEquals(0, rollback.exitCode(), rollback::toString);
        assertEquals(2, db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname IN "
                + "('shop_order_customer_id_4c1b9e2f', 'auth_user_username_6821ab7c_like')"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname = 'idx_shop_order_open'"));
    }

    @Test
    void twentyTenantSchemasAreAdoptedAndMigratedInOneFleetRun(PgDatabase db) throws Exception {
        for (int i = 1; i <= 20; i++) {
            db.execute(django("tenant_" + i));
        }
        indexMigration();
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        CliResult r = idxmig.run("migrate", "--schemas", "tenant_*", "--parallel", "4", "--baseline-on-migrate",
                "--no-backup");
        assertEquals(0, r.exitCode(), r::toString);
        for (int i = 1; i <= 20; i++) {
            assertEquals(7, db.queryLong("SELECT count(*) FROM tenant_" + i + ".idxmig_index_ledger "
                    + "WHERE action = 'adopted'"), "tenant_" + i);
            assertEquals(1, db.queryLong("SELECT count(*) FROM tenant_" + i + ".idxmig_index_ledger "
                    + "WHERE action = 'created' AND index_name = 'idx_shop_order_open'"), "tenant_" + i);
        }
        CliResult verify = idxmig.run("verify", "--schemas", "tenant_*", "--parallel", "4");
        assertEquals(0, verify.exitCode(), verify::toString);
        CliResult again = idxmig.run("baseline", "--schemas", "tenant_1");
        assertEquals(2, again.exitCode(), again::toString);
    }

    @Test
    void aFlywayProjectWithItsOwnHistoryTableRunsUnderIdxmigUnchanged(PgDatabase db) throws Exception {
        Files.writeString(dir.resolve("flyway.toml"), """
                [environments.dev]
                url = "%s"
                user = "%s"

                [flyway]
                environment = "dev"
                locations = ["filesystem:db/migration"]
                table = "schema_version"
                """.formatted(db.jdbcUrl(), db.user()));
        Path m = Files.createDirectories(dir.resolve("db/migration"));
        Files.writeString(m.resolve("V1__items.sql"), "CREATE TABLE items (id int PRIMARY KEY, owner text);\n"
                + "CREATE INDEX items_owner ON items (owner);\n");
        Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).table("schema_version")
                .locations("filesystem:" + m).load().migrate();
        Files.writeString(m.resolve("V2__items_owner_id.sql"),
                "CREATE INDEX CONCURRENTLY items_owner_id ON items (owner, id);\n");
        Files.writeString(m.resolve("V2__items_owner_id.sql.conf"), "executeInTransaction=false\n");

        Idxmig idxmig = Idxmig.in(dir);
        CliResult r = idxmig.run("migrate", "--verbose");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("created items_owner_id on items"), r::toString);
        assertEquals(2, db.queryLong("SELECT count(*) FROM schema_version WHERE success"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 'flyway_schema_history'"));
        CliResult status = idxmig.run("status");
        assertTrue(status.stdout().contains("at version 2"), status::toString);
        assertFalse(status.stdout().contains("schema_version_s_idx"), status::toString);
        assertEquals(0, idxmig.run("verify").exitCode());
    }

    @Test
    void initFindsAFlywayHistoryUnderItsOwnNameAndNewNumbersAfterItWithTheSidecar(PgDatabase db) throws Exception {
        Path m = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(m.resolve("V1__items.sql"), "CREATE TABLE items (id int PRIMARY KEY, owner text);\n");
        Flyway.configure().dataSource(db.jdbcUrl(), db.user(), db.password()).table("schema_version")
                .locations("filesystem:" + m).load().migrate();
        Path project = Files.createDirectories(dir.resolve("project"));

        CliResult init = Idxmig.in(project).run("init", "--url", db.jdbcUrl(), "--user", db.user());
        assertEquals(0, init.exitCode(), init::toString);
        assertTrue(init.stdout().contains("1 tables, 0 indexes, Flyway history in schema_version at version 1"),
                init::toString);
        String yaml = Files.readString(project.resolve("idxmig.yaml"));
        assertTrue(yaml.contains("\ntable: schema_version\n") && yaml.contains("user: " + db.user()), yaml);

        CliResult made = Idxmig.in(project).run("new", "items by owner", "--index", "items (owner)");
        assertEquals(0, made.exitCode(), made::toString);
        Path v2 = project.resolve("migrations/V2__items_by_owner.sql");
        assertTrue(Files.readString(v2).contains("CREATE INDEX CONCURRENTLY idx_items_owner ON items (owner);"),
                made::toString);
        assertEquals("executeInTransaction=false\n",
                Files.readString(project.resolve("migrations/V2__items_by_owner.sql.conf")));
        assertTrue(Files.readString(project.resolve("migrations/U2__items_by_owner.sql"))
                .contains("DROP INDEX CONCURRENTLY IF EXISTS idx_items_owner;"));

        CliResult stamped = Idxmig.in(project).run("new", "later", "--timestamp", "--no-concurrently");
        assertEquals(0, stamped.exitCode(), stamped::toString);
        assertTrue(stamped.stdout().matches("(?s)wrote migrations/V20\\d{12}__later\\.sql\\n"), stamped::toString);

        // the written migration applies where Flyway left off, into Flyway's table (with Flyway's V1 beside it)
        Files.copy(m.resolve("V1__items.sql"), project.resolve("migrations/V1__items.sql"));
        CliResult migrate = Idxmig.in(project).run("migrate", "--target", "2", "--no-backup");
        assertEquals(0, migrate.exitCode(), migrate::toString);
        assertTrue(migrate.stdout().contains("created idx_items_owner on items"), migrate::toString);
        assertEquals(2, db.queryLong("SELECT count(*) FROM schema_version WHERE success"));
    }
}
