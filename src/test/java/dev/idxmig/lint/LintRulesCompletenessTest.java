package dev.idxmig.lint;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rule is registered, has a unique id, a page in docs/lint/ with what, why, a bad and a good example and how
 * to silence it, and that page is what {@code lint --explain} prints; no page describes a rule that does not exist.
 */
@Tag("unit")
class LintRulesCompletenessTest {
    static final Path PAGES = Path.of("docs/lint");

    @Test
    void everyRuleClassIsRegistered() {
        Set<String> classes = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages("dev.idxmig.lint").stream()
                .filter(c -> c.isAssignableTo(LintRule.class) && !c.isInterface()
                        && !c.getModifiers().contains(JavaModifier.ABSTRACT))
                .map(JavaClass::getName).collect(Collectors.toCollection(TreeSet::new));
        Set<String> registered = LintRules.all().stream().map(r -> r.getClass().getName())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(classes, registered, "add the rule to LintRules.all()");
        assertTrue(classes.size() >= 17, classes::toString);
    }

    @Test
    void ruleIdsAreUniqueKebabCaseWithAReason() {
        List<String> ids = LintRules.ids();
        assertEquals(ids.size(), new HashSet<>(ids).size(), ids::toString);
        for (LintRule rule : LintRules.all()) {
            assertTrue(rule.id().matches("[a-z]+(-[a-z]+)*"), rule.id());
            assertTrue(!rule.reason().isBlank() && !rule.reason().contains("\n"), rule.id());
        }
    }

    @Test
    void everyRuleHasAPageWithTheRequiredSectionsAndEveryPageARule() throws IOException {
        for (LintRule rule : LintRules.all()) {
            Path page = PAGES.resolve(rule.id() + ".md");
            assertTrue(Files.isRegularFile(page), "no page " + page);
            String text = Files.readString(page, StandardCharsets.UTF_8);
            String heading = "# `" + rule.id() + "` (" + rule.severity().label()
                    + (rule.needsConnection() ? ", connected)" : ")");
            assertTrue(text.startsWith(heading + "\n"), page + " must start with " + heading);
            for (String section : List.of("## Why it matters", "## Bad\n\n```sql", "## Good\n\n```sql",
                    "## Silencing it", "-- idxmig:disable " + rule.id(), "disable: [" + rule.id() + "]")) {
                assertTrue(text.contains(section), page + " lacks " + section);
            }
            assertEquals(text, LintService.explain(rule.id()).orElseThrow(),
                    "lint --explain prints the page (packed from docs/lint by the build)");
        }
        try (Stream<Path> pages = Files.list(PAGES)) {
            Set<String> ids = new HashSet<>(LintRules.ids());
            pages.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md"))
                    .filter(n -> !n.equals("README.md"))
                    .forEach(n -> assertTrue(ids.contains(n.substring(0, n.length() - 3)), "page of no rule: " + n));
        }
    }

    @Test
    void theBadExampleOfEachOfflineStatementRuleFiresAndTheGoodOneDoesNot() throws IOException {
        // The rules whose examples stand alone: one script, a table that already exists, PostgreSQL.
        for (LintRule rule : List.of(new Syntax(), new RequireConcurrently(), new ConstraintBuildsIndex(),
                new ConcurrentlyIfNotExists(), new ReindexConcurrently(), new IdentifierTooLong(),
                new BooleanColumnIndex(), new TooManyColumns(), new NonIndexStatement())) {
            String text = Files.readString(PAGES.resolve(rule.id() + ".md"), StandardCharsets.UTF_8);
            String bad = sql(text, "## Bad");
            String good = sql(text, "## Good");
            String table = "CREATE TABLE worklogs (id int, company_id int, author_email text, started timestamp, "
                    + "status text, billable boolean, external_ref text);\n";
            LintFixture badScript = LintFixture.postgres().script("V1__t.sql", table).script("V2__bad.sql", bad);
            assertTrue(!badScript.lint(rule).stream().filter(f -> f.file().endsWith("V2__bad.sql")).toList()
                    .isEmpty(), rule.id() + ": the bad example must fire:\n" + bad);
            LintFixture goodScript = LintFixture.postgres().script("V1__t.sql", table)
                    .outsideTransaction("V2__good.sql", good);
            if (!(rule instanceof NonIndexStatement) && !(rule instanceof ReindexConcurrently)) {
                assertEquals(List.of(), goodScript.lint(rule).stream().filter(f -> f.file().endsWith("V2__good.sql"))
                        .map(LintFinding::message).toList(), rule.id() + ": the good example must not fire");
            }
        }
    }

    private static String sql(String page, String section) {
        int start = page.indexOf("```sql\n", page.indexOf(section)) + "```sql\n".length();
        return page.substring(start, page.indexOf("```", start));
    }
}
