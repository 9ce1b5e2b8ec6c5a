package dev.idxmig.cli;

import dev.idxmig.lint.LintService;
import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** lint's rules in help and --explain, the dialect chosen offline, the environment's URL, and --fail-on. */
@Tag("sqlite")
class LintPolicyCliTest {
    static final String PG = "migrations/postgresql/V5__keys.sql";

    @TempDir
    Path dir;

    @Test
    void helpListsEveryRule() {
        CliResult r = Idxmig.in(dir).run("lint", "--help");
        assertEquals(0, r.exitCode(), r::toString);
        String help = r.stdout().replaceAll("\\s+", " ");
        for (String id : LintService.ruleIds()) {
            assertTrue(help.contains(id), id + " missing from lint --help\n" + r.stdout());
        }
        assertTrue(help.contains("--fail-on=SEVERITY"), r::toString);
        assertTrue(help.contains("--dialect=DIALECT"), r::toString);
    }

    @Test
    void inCiLintWithADialectNeedsNoUrlButWithoutOneRefusesToGuess() {
        ExampleProject.write(dir.resolve("m"), "V1__t.sql", "CREATE TABLE items (id int, name text);\n");
        ExampleProject.write(dir.resolve("m"), "V2__i.sql", "CREATE INDEX items_name ON items (name);\n");
        CliResult offline = Idxmig.in(dir).env("CI", "true").run("lint", "--dialect", "postgresql", "--locations",
                "filesystem:m");
        assertEquals(1, offline.exitCode(), offline::toString);
        assertTrue(offline.stdout().contains("[require-concurrently]"), offline::toString);

        CliResult guess = Idxmig.in(dir).env("CI", "true").run("lint", "--locations", "filesystem:m");
        assertEquals(2, guess.exitCode(), guess::toString);
        assertTrue(guess.stderr().contains("CI=true is set, so idxmig will not fall back"), guess::toString);
        assertFalse(Files.exists(dir.resolve("idxmig.db")));
    }

    @Test
    void explainPrintsTheRulePageAndAnUnknownRuleIsAUsageError() throws Exception {
        CliResult r = Idxmig.in(dir).run("lint", "--explain", "constraint-builds-index");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(Files.readString(Path.of("docs/lint/constraint-builds-index.md"), StandardCharsets.UTF_8),
                r.stdout());

        CliResult unknown = Idxmig.in(dir).run("lint", "--explain", "no-such-rule");
        assertEquals(2, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.stderr().contains("unknown lint rule 'no-such-rule'"), unknown::toString);
        assertTrue(unknown.stderr().contains("constraint-builds-index"), unknown::toString);
    }

    @Test
    void aPostgresqlFileLintedOfflineIsReadAsPostgresqlByDialectOrByItsVendorFolder() {
        ExampleProject.copyTo(dir);
        ExampleProject.write(dir.resolve("migrations/postgresql"), "V5__keys.sql", String.join("\n",
                "ALTER TABLE worklogs ADD COLUMN ref text,",
                "  ADD CONSTRAINT uq_worklogs_ref UNIQUE (company_id, ref);",
                "CREATE INDEX IF NOT EXISTS CONCURRENTLY idx_x ON worklogs (ref);",
                ""));

        CliResult byFolder = Idxmig.in(dir).run("lint", PG);
        assertEquals(1, byFolder.exitCode(), byFolder::toString);
        assertTrue(byFolder.stdout().startsWith("lint postgresql (offline), 1 script: FAILED"), byFolder::toString);
        assertTrue(byFolder.stdout().contains(PG + ":2:3: error [constraint-builds-index] ALTER TABLE worklogs ADD "
                + "CONSTRAINT uq_worklogs_ref UNIQUE (company_id, ref) builds a unique index"), byFolder::toString);
        assertTrue(byFolder.stdout().contains("fix: CREATE UNIQUE INDEX CONCURRENTLY uq_worklogs_ref ON worklogs "
                + "(company_id, ref) in a migration with executeInTransaction=false"), byFolder::toString);
        assertTrue(byFolder.stdout().contains(PG + ":3:28: error [syntax] CONCURRENTLY must come before IF NOT "
                + "EXISTS"), byFolder::toString);
        assertFalse(byFolder.stdout().contains("unsupported-syntax"), byFolder::toString);

        CliResult byFlag = Idxmig.in(dir).run("lint", "--dialect", "postgresql", "--all");
        assertTrue(byFlag.stdout().startsWith("lint postgresql (offline), 5 scripts: FAILED"), byFlag::toString);
        assertTrue(byFlag.stdout().contains(PG + ":2:3: error [constraint-builds-index]"), byFlag::toString);

        CliResult sqlite = Idxmig.in(dir).run("lint", "--dialect", "sqlite", PG);
        assertTrue(sqlite.stdout().startsWith("lint sqlite (offline)"), sqlite::toString);
        assertFalse(sqlite.stdout().contains("constraint-builds-index"), sqlite::toString);

        CliResult bad = Idxmig.in(dir).run("lint", "--dialect", "oracle");
        assertEquals(2, bad.exitCode(), bad::toString);
        assertTrue(bad.stderr().contains("unknown dialect 'oracle'"), bad::toString);
    }

    @Test
    void aUrlFromIdxmigUrlBehavesLikeTheSameUrlFromTheFlag() {
        ExampleProject.copyTo(dir);
        Idxmig idxmig = Idxmig.in(dir);
        assertEquals(0, idxmig.run("migrate", ExampleProject.SMALL).exitCode());
        ExampleProject.write(dir.resolve("migrations/sqlite"), "V5__c.sql",
                "CREATE INDEX idx_worklogs_company ON worklogs (company_id);\n");

        CliResult flag = idxmig.run("lint", "--url", "jdbc:sqlite:idxmig.db");
        CliResult env = Idxmig.in(dir).env("IDXMIG_URL", "jdbc:sqlite:idxmig.db").run("lint");
        assertTrue(flag.stdout().startsWith("lint sqlite, 1 pending script"), flag::toString);
        assertEquals(flag.exitCode(), env.exitCode(), env::toString);
        assertEquals(flag.stdout(), env.stdout());
    }

    @Test
    void failOnWarningMakesALintWarningFailTheRun() {
        ExampleProject.copyTo(dir);
        ExampleProject.write(dir.resolve("migrations/sqlite"), "V5__b.sql",
                "CREATE INDEX idx_worklogs_billable ON worklogs (billable);\n");
        CliResult lenient = Idxmig.in(dir).run("lint");
        assertEquals(0, lenient.exitCode(), lenient::toString);
        assertTrue(lenient.stdout().contains("warning [boolean-column-index]"), lenient::toString);

        CliResult strict = Idxmig.in(dir).run("lint", "--fail-on", "warning");
        assertEquals(1, strict.exitCode(), strict::toString);
        assertTrue(strict.stdout().startsWith("lint sqlite (offline), 5 pending scripts: FAILED"), strict::toString);

        CliResult json = Idxmig.in(dir).run("lint", "--fail-on", "warning", "--format", "json");
        assertTrue(json.stdout().contains("\"passed\" : false") || json.stdout().contains("\"passed\":false"),
                json::toString);

        CliResult bad = Idxmig.in(dir).run("lint", "--fail-on", "sometimes");
        assertEquals(2, bad.exitCode(), bad::toString);
    }

    @Test
    void failOnWarningTurnsADuplicateIndexDoctorWarningIntoExitOne() {
        ExampleProject.copyTo(dir);
        ExampleProject.write(dir.resolve("migrations/sqlite"), "V5__dup.sql",
                "CREATE INDEX idx_rates_company ON billing_rates (company_id);\n"
                        + "CREATE INDEX idx_rates_company_copy ON billing_rates (company_id);\n");
        Idxmig idxmig = Idxmig.in(dir);
        CliResult migrate = idxmig.run("migrate", ExampleProject.SMALL);
        assertEquals(0, migrate.exitCode(), migrate::toString);

        CliResult lenient = idxmig.run("doctor");
        assertEquals(0, lenient.exitCode(), lenient::toString);
        assertTrue(lenient.stdout().contains("duplicate of idx_rates_company"), lenient::toString);

        CliResult strict = idxmig.run("doctor", "--fail-on", "warning");
        assertEquals(1, strict.exitCode(), strict::toString);
        assertTrue(strict.stderr().contains("--fail-on warning: "), strict::toString);
        assertEquals(0, idxmig.run("verify", "--fail-on", "warning").exitCode());
    }
}
