package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code idxmig lint} on the SQLite default target, offline and connected, in every output format. */
@Tag("sqlite")
class LintCliTest {
    static final String UNSAFE = String.join("\n",
            "-- V5: unsafe on purpose, one problem per line",
            "CREATE INDEX CONCURRENTLY idx_worklogs_company ON worklogs (company_id);",
            "CREATE INDEX idx_worklogs_billable ON worklogs (billable);",
            "ALTER TABLE worklogs ADD COLUMN note TEXT;",
            "CREATE INDEX idx_worklogs_user_range ON worklogs (author_email);",
            "");
    static final String V5 = "migrations/sqlite/V5__unsafe.sql";

    @TempDir
    Path dir;

    @Test
    void theExampleProjectHasNoErrorsAndPrintsProgressToStderr() {
        ExampleProject.copyTo(dir);
        CliResult r = Idxmig.in(dir).run("lint");

        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stdout().startsWith("lint sqlite (offline), 4 pending scripts: OK"), r::toString);
        assertEquals(1, r.stdout().lines().count(), "the summary and no finding: " + r);
        assertTrue(r.stderr().contains("linting 4 scripts for sqlite"), r::toString);
        assertFalse(Files.exists(dir.resolve("idxmig.db")), "offline lint creates no database");
    }

    @Test
    void anUnsafeMigrationReportsEachProblemWithFileAndLineAndExitsOne() {
        ExampleProject.copyTo(dir);
        ExampleProject.write(dir.resolve("migrations/sqlite"), "V5__unsafe.sql", UNSAFE);
        CliResult r = Idxmig.in(dir).run("lint");

        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains(V5 + ":2:1: error [unsupported-syntax] sqlite does not understand CONCURRENTLY"),
                r::toString);
        assertTrue(r.stdout().contains(V5 + ":2:1: warning [duplicate-index] idx_worklogs_company (company_id) is a "
                + "prefix of idx_worklogs_user_range"), r::toString);
        assertTrue(r.stdout().contains(V5 + ":3:1: warning [boolean-column-index]"), r::toString);
        assertTrue(r.stdout().contains(V5 + ":4:1: warning [non-index-statement]"), r::toString);
        assertTrue(r.stdout().contains(V5 + ":5:1: error [duplicate-index-name] index idx_worklogs_user_range "
                + "already exists (created in V3__worklog_indexes.sql:2)"), r::toString);
        assertTrue(r.stdout().contains("    fix: "), r::toString);
        assertTrue(r.stdout().startsWith("lint sqlite (offline), 5 pending scripts: FAILED"), r::toString);
    }

    @Test
    void connectedLintReadsWhatIsPendingAndTheLiveDatabase() {
        ExampleProject.copyTo(dir);
        Idxmig idxmig = Idxmig.in(dir);
        assertEquals(0, idxmig.run("migrate", ExampleProject.SMALL).exitCode());
        ExampleProject.write(dir.resolve("migrations/sqlite"), "V5__rates.sql",
                "CREATE UNIQUE INDEX idx_rates_user ON billing_rates (company_id, user_email);\n"
                        + "CREATE INDEX idx_worklogs_company ON worklogs (company_id);\n"
                        + "CREATE UNIQUE INDEX idx_rates_first ON billing_rates (company_id, user_email) WHERE id <= 500;\n");

        CliResult r = idxmig.run("lint", "--url", "jdbc:sqlite:idxmig.db");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().startsWith("lint sqlite, 1 pending script: FAILED"), r::toString);
        String v5 = "migrations/sqlite/V5__rates.sql";
        assertTrue(r.stdout().contains(v5 + ":1:1: error [unique-on-duplicates] 500 values of (company_id, "
                + "user_email) occur more than once in billing_rates, e.g. ("), r::toString);
        assertTrue(r.stdout().contains(") 4 times: the unique index build will fail"), r::toString);
        assertTrue(r.stdout().contains(v5 + ":1:1: info [table-size] billing_rates: 2,000 rows"), r::toString);
        assertTrue(r.stdout().contains("the build takes seconds"), r::toString);
        assertTrue(r.stdout().contains(v5 + ":2:1: warning [duplicate-index] idx_worklogs_company (company_id) is a "
                + "prefix of idx_worklogs_user_range (company_id, author_email, started), which serves the same "
                + "queries (the live database)"), r::toString);

        assertFalse(r.stdout().contains(v5 + ":3:1: error [unique-on-duplicates]"), "the predicate leaves no duplicates");

        CliResult all = idxmig.run("lint", "--url", "jdbc:sqlite:idxmig.db", "--all");
        assertTrue(all.stdout().startsWith("lint sqlite, 5 scripts"), all::toString);
    }

    @Test
    void placeholdersAreFilledInBeforeLinting() {
        ExampleProject.copyTo(dir);
        ExampleProject.write(dir.resolve("migrations/sqlite"), "V5__placeholder.sql",
                "CREATE INDEX idx_w ON ${table} (billable);\n");
        CliResult r = Idxmig.in(dir).run("lint", "-Dtable=worklogs");
        assertTrue(r.stdout().contains("V5__placeholder.sql:1:1: warning [boolean-column-index] worklogs.billable"),
                r::toString);
    }

    @Test
    void aMissingSqliteFileIsNotCreatedAndLintStaysOffline() {
        ExampleProject.copyTo(dir);
        CliResult r = Idxmig.in(dir).run("lint", "--url", "jdbc:sqlite:other.db");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.stderr().contains("linting offline"), r::toString);
        assertFalse(Files.exists(dir.resolve("other.db")));
    }

    @Test
    void anUnreachableServerMeansOfflineUnlessConnectIsGiven() {
        ExampleProject.copyTo(dir);
        String[] url = {"--url", "jdbc:postgresql://127.0.0.1:1/nowhere", "--user", "postgres"};
        CliResult offline = Idxmig.in(dir).target(url).run("lint");
        assertEquals(0, offline.exitCode(), offline::toString);
        assertTrue(offline.stdout().startsWith("lint postgresql (offline), 4 pending scripts: OK"), offline::toString);
        assertTrue(offline.stderr().contains("linting offline"), offline::toString);

        CliResult connect = Idxmig.in(dir).target(url).run("lint", "--connect");
        assertEquals(3, connect.exitCode(), connect::toString);
        assertEquals("", connect.stdout());
    }

    @Test
    void givenFilesAreLintedAgainstTheRestOfTheMigrations() {
        ExampleProject.copyTo(dir);
        ExampleProject.write(dir.resolve("migrations/sqlite"), "V5__unsafe.sql", UNSAFE);
        CliResult r = Idxmig.in(dir).run("lint", V5);
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().startsWith("lint sqlite (offline), 1 script: FAILED"), r::toString);
        assertTrue(r.stdout().contains("[duplicate-index-name]"), r::toString);

        CliResult twice = Idxmig.in(dir).run("lint", V5, "./" + V5);
        assertTrue(twice.stdout().startsWith("lint sqlite (offline), 1 script: FAILED"), twice::toString);

        CliResult both = Idxmig.in(dir).run("lint", "--all", V5);
        assertEquals(2, both.exitCode(), both::toString);

        CliResult missing = Idxmig.in(dir).run("lint", "migrations/sqlite/V9__nope.sql");
        assertEquals(2, missing.exitCode(), missing::toString);
        assertTrue(missing.stderr().contains("migration file not found"), missing::toString);
    }

    @Test
    void rulesSwitchedOffInTheConfigOrOnTheCommandLineDoNotRun() throws Exception {
        ExampleProject.copyTo(dir);
        ExampleProject.write(dir.resolve("migrations/sqlite"), "V5__unsafe.sql", UNSAFE);
        Files.writeString(dir.resolve("idxmig.yaml"), "lint:\n  disable: [unsupported-syntax]\n",
                StandardOpenOption.APPEND);
        CliResult r = Idxmig.in(dir).run("lint", "--disable", "duplicate-index-name");
        assertEquals(0, r.exitCode(), r::toString);
        assertFalse(r.stdout().contains("[unsupported-syntax]"), r::toString);
        assertFalse(r.stdout().contains("[duplicate-index-name]"), r::toString);
        assertTrue(r.stdout().contains("[boolean-column-index]"), r::toString);

        CliResult unknown = Idxmig.in(dir).run("lint", "--disable", "require-concurrent");
        assertEquals(2, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.stderr().contains("unknown lint rule 'require-concurrent'"), unknown::toString);
        assertTrue(unknown.stderr().contains("require-concurrently"), unknown::toString);
    }

    @Test
    void jsonJunitAndSarifCarryTheFindings() {
        ExampleProject.copyTo(dir);
        ExampleProject.write(dir.resolve("migrations/sqlite"), "V5__unsafe.sql", UNSAFE);
        JsonMapper json = JsonMapper.builder().build();

        CliResult j = Idxmig.in(dir).run("lint", "--format", "json");
        assertEquals(1, j.exitCode(), j::toString);
        JsonNode finding = null;
        for (JsonNode f : json.readTree(j.stdout()).get("targets").get(0).get("report").get("findings")) {
            if (f.get("file").asString().equals(V5)) {
                finding = f;
                break;
            }
        }
        assertEquals(V5, finding.get("file").asString());
        assertEquals(2, finding.get("line").asInt());
        assertEquals("unsupported-syntax", finding.get("rule").asString());
        assertEquals("error", finding.get("severity").asString());
        assertFalse(json.readTree(j.stdout()).get("targets").get(0).get("report").get("passed").asBoolean());

        CliResult sarif = Idxmig.in(dir).run("lint", "--format", "sarif");
        assertEquals(1, sarif.exitCode(), sarif::toString);
        JsonNode run = json.readTree(sarif.stdout()).get("runs").get(0);
        assertEquals("2.1.0", json.readTree(sarif.stdout()).get("version").asString());
        assertEquals("idxmig", run.get("tool").get("driver").get("name").asString());
        JsonNode result = run.get("results").get(0);
        assertEquals("unsupported-syntax", result.get("ruleId").asString());
        assertEquals("error", result.get("level").asString());
        JsonNode location = result.get("locations").get(0).get("physicalLocation");
        assertEquals(V5, location.get("artifactLocation").get("uri").asString());
        assertEquals(2, location.get("region").get("startLine").asInt());

        CliResult junit = Idxmig.in(dir).run("lint", "--format", "junit");
        assertTrue(junit.stdout().contains("<testcase") && junit.stdout().contains("unsupported-syntax"),
                junit::toString);
        assertTrue(junit.stdout().contains(V5 + ":2:1"), junit::toString);

        CliResult statusSarif = Idxmig.in(dir).run("status", "--format", "sarif");
        assertEquals(2, statusSarif.exitCode(), statusSarif::toString);
    }

    @Test
    void onGithubActionsFindingsAlsoBecomeWorkflowAnnotations() {
        ExampleProject.copyTo(dir);
        ExampleProject.write(dir.resolve("migrations/sqlite"), "V5__unsafe.sql", UNSAFE);
        CliResult r = Idxmig.in(dir).env("GITHUB_ACTIONS", "true").run("lint");
        assertEquals(1, r.exitCode(), r::toString);
        assertTrue(r.stdout().contains("::error file=" + V5 + ",line=2,col=1,title=idxmig unsupported-syntax::sqlite "
                + "does not understand CONCURRENTLY"), r::toString);
        assertTrue(r.stdout().contains("::warning file=" + V5 + ",line=3,col=1,title=idxmig boolean-column-index::"),
                r::toString);

        CliResult local = Idxmig.in(dir).run("lint");
        assertFalse(local.stdout().contains("::error"), local::toString);
    }
}
