package dev.idxmig.cli;

import org.junit.jupiter.api.Tag;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.JsonNode;
import dev.idxmig.testing.ReportSchemas;
import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Extensions;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proofs before deploy on PostgreSQL: the shadow replay in a scratch database, HypoPG hypothetical plan checks,
 * and what an operator sees when HypoPG or CREATEDB is missing. The target is compared before and after.
 */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
@Tag("slow")
class ShadowPostgresCliTest {
    @TempDir
    Path dir;

    private Idxmig tablesOnly(PgDatabase db) {
        ExampleProject.copyTo(dir);
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        CliResult r = idxmig.run("migrate", ExampleProject.SMALL, "--target", "2", "--no-backup");
        assertEquals(0, r.exitCode(), r::toString);
        return idxmig;
    }

    /** The target as the proofs must leave it: every relation and index definition, history and ledger rows. */
    private static List<String> state(PgDatabase db) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String sql : List.of(
                    "SELECT n.nspname || '.' || c.relname || ' ' || c.relkind::text FROM pg_class c JOIN pg_namespace n "
                            + "ON n.oid = c.relnamespace WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') "
                            + "AND n.nspname NOT LIKE 'pg_toast%' ORDER BY 1",
                    "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1",
                    "SELECT installed_rank || ' ' || version || ' ' || success FROM flyway_schema_history ORDER BY 1",
                    "SELECT count(*)::text FROM idxmig_index_ledger")) {
                try (ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                }
            }
        }
        return rows;
    }

    private static List<String> shadowDatabases(PgDatabase db) {
        List<String> names = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'idxmig_shadow_"
                     + db.name() + "%'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }

    @Test
    void wrongColumnFailsInTheShadowAndTheTargetIsUnchanged(PgDatabase db) throws Exception {
        Idxmig idxmig = tablesOnly(db);
        ExampleProject.write(dir.resolve("migrations/postgresql"), "V5__billable_index.sql",
                "CREATE INDEX CONCURRENTLY idx_worklogs_billable ON worklogs (billable_flag);\n");
        ExampleProject.write(dir.resolve("migrations/postgresql"), "V5__billable_index.sql.conf",
                "executeInTransaction=false\n");
        List<String> before = state(db);

        CliResult r = idxmig.run("migrate", "--dry-run", "--shadow", ExampleProject.SMALL);
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().startsWith("migrate --dry-run --shadow PostgreSQL"), r::toString);
        assertTrue(r.stdout().contains("scratch database idxmig_shadow_" + db.name()), r::toString);
        assertTrue(r.stdout().contains("ok    V3__worklog_indexes.sql"), r::toString);
        assertTrue(r.stdout().contains("ok    V4__billing_and_leave_indexes.sql"), r::toString);
        assertTrue(r.stdout().contains("FAIL  V5__billable_index.sql"), r::toString);
        assertTrue(r.stdout().contains("V5__billable_index.sql failed at line 1: ERROR: column \"billable_flag\" "
                + "does not exist"), r::toString);
        assertEquals(before, state(db), "the target changed");
        assertEquals(List.of(), shadowDatabases(db), "the shadow database was not dropped");
    }

    @Test
    void withoutCreatedbTheShadowFailsNamingTheOption(PgDatabase db) {
        Idxmig idxmig = tablesOnly(db);
        String role = "idxmig_nocreatedb_" + UUID.randomUUID().toString().substring(0, 8);
        db.execute("CREATE ROLE " + role + " LOGIN NOCREATEDB", "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role);
        try {
            CliResult r = Idxmig.in(dir).target("--url", db.jdbcUrl(), "--user", role)
                    .run("migrate", "--dry-run", "--shadow");
            assertEquals(2, r.exitCode(), r::toString);
            assertTrue(r.stderr().contains("may not create databases (CREATEDB)"), r::toString);
            assertTrue(r.stderr().contains("--shadow-url"), r::toString);
            assertTrue(!r.stderr().contains("\tat "), "no stack trace: " + r);
        } finally {
            db.execute("DROP OWNED BY " + role, "DROP ROLE " + role);
        }
    }

    @Test
    void pendingIndexIsChosenHypotheticallyAndTheSamePlanAfterTheRealMigrate(PgDatabase db) throws Exception {
        Idxmig idxmig = tablesOnly(db);
        Extensions.requireHypopg(db);
        db.execute("ANALYZE");
        List<String> before = state(db);
        CliResult hypothetical = idxmig.run("plan-check", "--hypothetical");
        assertEquals(0, hypothetical.exitCode(), hypothetical::toString);
        assertTrue(hypothetical.stdout().startsWith("plan-check --hypothetical (HypoPG"), hypothetical::toString);
        assertTrue(hypothetical.stdout().contains("verdicts: chosen yes, usable yes; hypothetical"),
                hypothetical::toString);
        assertTrue(hypothetical.stdout().contains("idx_worklogs_user_range (hypothetical)"), hypothetical::toString);
        assertEquals(before, state(db), "plan-check --hypothetical changed the target");

        assertEquals(0, idxmig.run("migrate", "--no-backup").exitCode());
        db.execute("ANALYZE");
        CliResult real = idxmig.run("plan-check");
        assertEquals(0, real.exitCode(), real::toString);
        for (String index : List.of("idx_worklogs_user_range", "idx_worklogs_instance_range",
                "idx_billing_rates_lookup")) {
            List<String> lines = PlanLines.of(real.stdout(), index);
            assertTrue(!lines.isEmpty(), real::toString);
            assertEquals(lines, PlanLines.of(hypothetical.stdout(), index), index);
        }
    }

    @Test
    void pendingDropOfAnIndexACheckNeedsFails(PgDatabase db) {
        Idxmig idxmig = ExampleProject.migrated(dir, db);
        Extensions.requireHypopg(db);
        ExampleProject.write(dir.resolve("migrations/postgresql"), "V5__drop_billing_lookup.sql",
                "DROP INDEX CONCURRENTLY idx_billing_rates_lookup;\n");
        ExampleProject.write(dir.resolve("migrations/postgresql"), "V5__drop_billing_lookup.sql.conf",
                "executeInTransaction=false\n");
        CliResult r = idxmig.run("plan-check", "--hypothetical");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("FAIL  current billing rate"), r::toString);
        assertTrue(r.stdout().contains("pending migration V5__drop_billing_lookup.sql:1 drops "
                + "idx_billing_rates_lookup, which this check expects"), r::toString);
        assertTrue(r.stdout().contains("ok    user worklogs in a month"), r::toString);
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname = 'idx_billing_rates_lookup'"));
    }

    @Test
    void dropOfTwoIndexesInOneStatementIsReadWholeAndItsFailureIsInTheDatabasesWords(PgDatabase db) throws Exception {
        Idxmig idxmig = ExampleProject.migrated(dir, db);
        Extensions.requireHypopg(db);
        Path pg = dir.resolve("migrations/postgresql");
        ExampleProject.write(pg, "V5__drop_two.sql",
                "DROP INDEX CONCURRENTLY idx_worklogs_user_range, idx_worklogs_instance_range;\n");
        ExampleProject.write(pg, "V5__drop_two.sql.conf", "executeInTransaction=false\n");

        CliResult hypothetical = idxmig.run("plan-check", "--hypothetical");
        assertEquals(1, hypothetical.exitCode(), hypothetical::toString);
        assertTrue(hypothetical.stdout().contains("2 pending index statements"), hypothetical::toString);
        assertTrue(hypothetical.stdout().contains("FAIL  instance worklogs in a week"), "the second index of the "
                + "DROP is read too:\n" + hypothetical);

        // PostgreSQL refuses it (SQLSTATE 0A000): its words reach the operator, not Flyway's "Unable to restore
        // connection", and the shadow replays the failed migration as the next migrate would resume it
        CliResult migrate = idxmig.run("migrate", "--no-backup");
        assertEquals(4, migrate.exitCode(), migrate::toString);
        assertTrue(migrate.stderr().contains("ERROR: DROP INDEX CONCURRENTLY does not support dropping multiple "
                + "objects"), migrate::toString);
        assertFalse(migrate.stderr().contains("Unable to restore connection"), migrate::toString);
        List<String> before = state(db);

        CliResult lint = idxmig.run("lint", "--shadow", "--format", "json");
        assertEquals(1, lint.exitCode(), lint::toString);
        ReportSchemas.assertValid("lint", lint.stdout()); // one document, lint's and the replay's checks in it
        JsonNode report = JsonMapper.builder().build().readTree(lint.stdout()).get("targets").get(0).get("report");
        assertFalse(report.get("passed").asBoolean());
        assertTrue(report.get("shadow").get("checks").toString().contains("DROP INDEX CONCURRENTLY does not support "
                + "dropping multiple objects"), report::toString);
        assertEquals(before, state(db), "the target is unchanged");
        assertEquals(List.of(), shadowDatabases(db));
    }

    @Test
    void aTemplateDatabaseStandsInForPgDumpAndAMissingOneIsAUsageError(PgDatabase db) throws Exception {
        Idxmig idxmig = tablesOnly(db);
        String template = db.name() + "_tmpl";
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + template + " TEMPLATE " + db.name()); // the target's schema (and rows)
        }
        try {
            List<String> before = state(db);
            CliResult r = idxmig.run("migrate", "--dry-run", "--shadow", "--shadow-template", template);
            assertEquals(0, r.exitCode(), r::toString);
            assertTrue(r.stdout().contains("made from template " + template + " with the history of " + db.name()),
                    r::toString);
            assertTrue(r.stdout().contains("ok    V3__worklog_indexes.sql"), r::toString);
            assertEquals(before, state(db), "the target is unchanged");
            assertEquals(List.of(), shadowDatabases(db));

            CliResult missing = idxmig.run("migrate", "--dry-run", "--shadow", "--shadow-template", "no_such_db");
            assertEquals(2, missing.exitCode(), missing::toString);
            assertTrue(missing.stderr().contains("template database \"no_such_db\" does not exist"), missing::toString);
            assertTrue(missing.stderr().contains("hint: name an existing database in --shadow-template"),
                    missing::toString);
        } finally {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + template + " WITH (FORCE)");
            }
        }
    }

    @Test
    void missingHypopgIsAUsageErrorSayingWhatToRun(PgDatabase db) {
        Idxmig idxmig = tablesOnly(db);
        CliResult r = idxmig.run("plan-check", "--hypothetical");
        assertEquals(2, r.exitCode(), r::toString);
        if (Extensions.available(db, "hypopg")) {
            assertTrue(r.stderr().contains("hypothetical indexes need the HypoPG extension, which is not created in "
                    + "database " + db.name()), r::toString);
            assertTrue(r.stderr().contains("hint: run CREATE EXTENSION hypopg; in database " + db.name()),
                    r::toString);
        } else {
            assertTrue(r.stderr().contains("hypothetical indexes need the HypoPG extension, which is not installed "
                    + "on this PostgreSQL"), r::toString);
            assertTrue(r.stderr().contains("hint: install the package postgresql-"), r::toString);
        }
        assertTrue(!r.stderr().contains("\tat "), "no stack trace: " + r);
        assertEquals("", r.stdout());
    }
}
