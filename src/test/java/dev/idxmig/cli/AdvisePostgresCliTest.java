package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.Extensions;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import dev.idxmig.testing.ReportSchemas;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * advise on PostgreSQL with HypoPG, on skewed data where a careful engineer knows the answer: equality, range and
 * sort order for one query, a partial index for a hot status, a covering index for a report; nothing where an
 * existing index in another column order serves; the catalog as it was afterwards. Then --write, and the
 * migrations it wrote proven hypothetically, built, checked for real and rolled back.
 */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class AdvisePostgresCliTest {
    static final String SCHEMA = String.join("\n",
            "CREATE TABLE worklogs (id bigserial PRIMARY KEY, company_id int NOT NULL, author text NOT NULL,",
            "  started timestamp NOT NULL, minutes int NOT NULL, note text);",
            "INSERT INTO worklogs (company_id, author, started, minutes, note)",
            "SELECT g % 10, 'a' || (g % 50), timestamp '2024-01-01' + (g * 7919 % 730) * interval '1 day',",
            "  g % 480, repeat('n', 60) FROM generate_series(1, 200000) g;",
            "CREATE TABLE tickets (id bigserial PRIMARY KEY, status text NOT NULL, created_at timestamp NOT NULL,",
            "  assignee int, title text NOT NULL);",
            "INSERT INTO tickets (status, created_at, assignee, title)",
            "SELECT CASE WHEN g % 100 = 0 THEN 'open' ELSE 'closed' END,",
            "  timestamp '2024-01-01' + g * interval '1 minute', g % 40, 'ticket ' || g",
            "FROM generate_series(1, 150000) g;",
            "CREATE TABLE payments (id bigserial PRIMARY KEY, account_id int NOT NULL, paid_at timestamp NOT NULL,",
            "  amount numeric(10, 2) NOT NULL, memo text);",
            "INSERT INTO payments (account_id, paid_at, amount, memo)",
            "SELECT g % 3000, timestamp '2024-01-01' + (g * 7919 % 1000) * interval '1 day' + (g % 1440) * interval",
            "  '1 minute', (g % 10000) / 100.0, repeat('m', 80) FROM generate_series(1, 200000) g;",
            "CREATE TABLE leaves (id bigserial PRIMARY KEY, employee_id int NOT NULL, kind text NOT NULL, day date);",
            "INSERT INTO leaves (employee_id, kind, day) SELECT g % 2000, CASE WHEN g % 3 = 0 THEN 'sick'",
            "  ELSE 'vacation' END, date '2024-01-01' + g % 700 FROM generate_series(1, 100000) g;",
            "CREATE INDEX idx_leaves_kind_employee ON leaves (kind, employee_id);");

    static final String QUERIES = String.join("\n",
            "-- one author's worklogs in a month, newest first",
            "SELECT * FROM worklogs WHERE company_id = 3 AND author = 'a13'",
            "  AND started >= '2025-03-01' AND started < '2025-04-01' ORDER BY started DESC;",
            "-- the open tickets queue",
            "SELECT id, title FROM tickets WHERE status = 'open' ORDER BY created_at LIMIT 50;",
            "-- two days' payments per account",
            "SELECT account_id, sum(amount) FROM payments",
            "  WHERE paid_at >= '2025-02-01' AND paid_at < '2025-02-03' GROUP BY account_id;",
            "-- served already by idx_leaves_kind_employee, in the other column order",
            "SELECT * FROM leaves WHERE employee_id = 5 AND kind = 'sick';");

    @TempDir
    Path dir;

    private Idxmig project(PgDatabase db) throws Exception {
        Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(dir.resolve("idxmig.yaml"), "locations:\n  - migrations\nchecks: checks.yaml\n");
        Files.writeString(dir.resolve("migrations/V1__tables.sql"), SCHEMA + "\n");
        Files.writeString(dir.resolve("queries.sql"), QUERIES + "\n");
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        CliResult m = idxmig.run("migrate", "--no-backup");
        assertEquals(0, m.exitCode(), m::toString);
        db.execute("VACUUM ANALYZE");
        Extensions.requireHypopg(db);
        return idxmig;
    }

    private static long catalog(PgDatabase db) {
        return db.queryLong("SELECT count(*) * 1000003 + sum(relpages) FROM pg_class WHERE relnamespace = "
                + "'public'::regnamespace");
    }

    @Test
    void proposesWhatACarefulEngineerWouldAndBuildsNothing(PgDatabase db) throws Exception {
        Idxmig idxmig = project(db);
        long before = catalog(db);
        CliResult r = idxmig.run("advise", "--queries", "queries.sql", "--explain", "--no-stat-statements");
        assertEquals(0, r.exitCode(), r::toString);
        String out = r.stdout();
        assertTrue(out.contains("CREATE INDEX idx_worklogs_company_id_author_started ON worklogs (company_id, author, "
                + "started DESC);"), out);
        assertTrue(out.contains("ON tickets (created_at) WHERE status = 'open';"), out);
        assertTrue(out.contains("ON payments (paid_at) INCLUDE (account_id, amount);"), out);
        assertFalse(out.contains("proposed: idx_leaves"), out);
        assertTrue(out.contains("advise: 3 indexes proposed for 4 queries"), out);
        assertTrue(out.contains("note: written far more than scanned since the statistics were reset (rows "
                + "written/scans): worklogs 200000/"), "the freshly loaded tables' writes are weighed in a note: " + out);
        assertEquals(before, catalog(db), "advise built or changed nothing");
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_indexes WHERE tablename = 'leaves' AND indexname "
                + "LIKE 'idx%'"));
    }

    @Test
    void rejectsWhatGainsLessThanAsked(PgDatabase db) throws Exception {
        Idxmig idxmig = project(db);
        CliResult r = idxmig.run("advise", "--queries", "queries.sql", "--min-gain", "100", "--explain",
                "--no-stat-statements");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("below --min-gain 100%"), r::toString);
        assertTrue(r.stdout().contains("advise: no index worth proposing for 4 queries"), r::toString);
    }

    @Test
    void withoutHypoPgEveryCandidateSaysSoAndNoneIsProposed(PgDatabase db) throws Exception {
        Idxmig idxmig = project(db);
        db.execute("DROP EXTENSION hypopg");
        CliResult r = idxmig.run("advise", "--queries", "queries.sql", "--explain", "--no-stat-statements");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("proof: hypothetical indexes need the HypoPG extension, which is not created "
                + "in database"), r::toString);
        assertTrue(r.stdout().contains("CREATE EXTENSION hypopg"), r::toString);
        assertTrue(r.stdout().contains("    not checkable, so not proposed: no hypothetical indexes (see proof "
                + "above)"), r::toString);
        assertFalse(r.stdout().contains("\nproposed: "), r::toString);
        assertTrue(r.stdout().contains("advise: no index worth proposing for 4 queries"), r::toString);
    }

    @Test
    void overTenantSchemasOnlyTheSchemaThatNeedsItGetsAProposal(PgDatabase db) throws Exception {
        Extensions.requireHypopg(db);
        for (String tenant : new String[] {"tenant_a", "tenant_b"}) {
            db.execute("CREATE SCHEMA " + tenant, "CREATE TABLE " + tenant + ".tickets (id bigserial PRIMARY KEY, "
                    + "assignee int NOT NULL, created_at timestamp NOT NULL, title text NOT NULL)",
                    "INSERT INTO " + tenant + ".tickets (assignee, created_at, title) SELECT g % 200, timestamp "
                    + "'2024-01-01' + g * interval '1 minute', 'ticket ' || g FROM generate_series(1, 60000) g");
        }
        db.execute("CREATE INDEX idx_tickets_assignee ON tenant_a.tickets (assignee, created_at)", "VACUUM ANALYZE");
        Files.writeString(dir.resolve("q.sql"), "SELECT id, title FROM tickets WHERE assignee = 7 "
                + "ORDER BY created_at;\n");
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        CliResult r = idxmig.run("advise", "--schemas", "tenant_a,tenant_b", "--queries", "q.sql",
                "--no-stat-statements", "--format", "json");
        assertEquals(0, r.exitCode(), r::toString);
        ReportSchemas.assertValid("advise", r.stdout());
        tools.jackson.databind.JsonNode targets = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(r.stdout()).get("targets");
        assertEquals(2, targets.size(), r::toString);
        for (tools.jackson.databind.JsonNode t : targets) {
            int proposals = t.get("report").get("proposals").size();
            assertEquals(t.get("target").asString().equals("tenant_b") ? 1 : 0, proposals, r::toString);
        }
        CliResult write = idxmig.run("advise", "--schemas", "tenant_a,tenant_b", "--queries", "q.sql", "--write");
        assertEquals(2, write.exitCode(), write::toString);
    }

    @Test
    void theChecksFileIsAWorkloadAndItsChecksAreNotDuplicated(PgDatabase db) throws Exception {
        Idxmig idxmig = project(db);
        Files.writeString(dir.resolve("checks.yaml"), "checks:\n  - name: open tickets queue\n    sql: SELECT id, "
                + "title FROM tickets WHERE status = 'open' ORDER BY created_at LIMIT 50\n");
        CliResult r = idxmig.run("advise", "--no-stat-statements");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("(checks: 1)"), r::toString);
        assertTrue(r.stdout().contains("ON tickets (created_at) WHERE status = 'open';"), r::toString);
        CliResult w = idxmig.run("advise", "--no-stat-statements", "--write");
        assertEquals(0, w.exitCode(), w::toString);
        assertTrue(w.stdout().contains("note: check 'open tickets queue' already runs this query: add uses_index: "
                + "idx_tickets_created_at_where_status_open to it"), w::toString);
        assertEquals(1, Files.readString(dir.resolve("checks.yaml")).split("- name:").length - 1, "no second check");
    }

    @Test
    void jsonMatchesItsSchemaAndMarkdownShowsTheStatements(PgDatabase db) throws Exception {
        Idxmig idxmig = project(db);
        CliResult json = idxmig.run("advise", "--queries", "queries.sql", "--format", "json");
        assertEquals(0, json.exitCode(), json::toString);
        ReportSchemas.assertValid("advise", json.stdout());
        CliResult md = idxmig.run("advise", "--queries", "queries.sql", "--format", "markdown");
        assertTrue(md.stdout().contains("```sql\nCREATE INDEX idx_worklogs_company_id_author_started"), md::toString);
    }

    @Test
    void writtenMigrationsProveHypotheticallyBuildCheckAndRollBack(PgDatabase db) throws Exception {
        Idxmig idxmig = project(db);
        CliResult w = idxmig.run("advise", "--queries", "queries.sql", "--write", "--no-stat-statements");
        assertEquals(0, w.exitCode(), w::toString);
        String v2 = Files.readString(dir.resolve("migrations/V2__index_worklogs_company_id_author_started.sql"));
        assertTrue(v2.contains("CREATE INDEX CONCURRENTLY idx_worklogs_company_id_author_started ON worklogs "
                + "(company_id, author, started DESC);"), v2);
        assertTrue(Files.exists(dir.resolve("migrations/V2__index_worklogs_company_id_author_started.sql.conf")));
        assertTrue(Files.exists(dir.resolve("migrations/U2__index_worklogs_company_id_author_started.sql")));
        String checks = Files.readString(dir.resolve("checks.yaml"));
        assertTrue(checks.contains("uses_index: idx_worklogs_company_id_author_started"), checks);

        CliResult hypothetical = idxmig.run("plan-check", "--hypothetical");
        assertEquals(0, hypothetical.exitCode(), hypothetical::toString);
        CliResult again = idxmig.run("advise", "--queries", "queries.sql", "--write", "--no-stat-statements");
        assertEquals(2, again.exitCode(), "refused with pending migrations: " + again);
        assertTrue(again.stderr().contains("pending"), again::toString);

        CliResult migrate = idxmig.run("migrate", "--no-backup");
        assertEquals(0, migrate.exitCode(), migrate::toString);
        CliResult real = idxmig.run("plan-check");
        assertEquals(0, real.exitCode(), real::toString);
        CliResult after = idxmig.run("advise", "--queries", "queries.sql", "--no-stat-statements");
        assertTrue(after.stdout().contains("advise: no index worth proposing"), after::toString);

        CliResult rollback = idxmig.run("rollback", "--to", "1");
        assertEquals(0, rollback.exitCode(), rollback::toString);
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'idx_worklogs%' OR "
                + "indexname LIKE 'idx_tickets%' OR indexname LIKE 'idx_payments%'"));
    }
}
