package dev.idxmig.plan;

import dev.idxmig.base.Diagnostics;
import dev.idxmig.checks.ChecksFile;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.ExampleServices;
import dev.idxmig.testing.ExampleSqlite;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** plan-check's verdicts on the example as result records: which index each check's plan uses, and whether it holds. */
@Tag("sqlite")
class PlanCheckServiceTest {
    @TempDir
    Path dir;

    @Test
    void eachCheckOfTheExampleIsChosenWithTheIndexItWasWrittenFor() {
        ExampleProject.migrated(dir);
        PlanCheckReport report = check(ExampleServices.settings(dir));

        assertEquals(List.of(
                        "user worklogs in a month: pass, chosen true, [idx_worklogs_user_range]",
                        "user worklogs in a month, with parameters: pass, chosen true, [idx_worklogs_user_range]",
                        "instance worklogs in a week: pass, chosen true, [idx_worklogs_instance_range]",
                        "current billing rate: pass, chosen true, [idx_billing_rates_lookup]",
                        "pending leaves of a company: pass, chosen true, [idx_factorial_leaves_company_status]"),
                report.outcomes().stream().filter(o -> o.chosen().isPresent()).map(PlanCheckServiceTest::line)
                        .toList());
    }

    @Test
    void withoutItsIndexACheckFailsAndItsPlanScansTheTable() throws Exception {
        ExampleProject.migrated(dir);
        ExampleSqlite.execute(dir, "DROP INDEX idx_billing_rates_lookup");

        PlanOutcome billing = check(ExampleServices.settings(dir)).outcomes().stream()
                .filter(o -> o.name().equals("current billing rate")).findFirst().orElseThrow();

        assertEquals(Optional.of(false), billing.chosen());
        assertEquals(List.of(), billing.indexes());
    }

    private static String line(PlanOutcome o) {
        return o.name() + ": " + o.status() + ", chosen " + o.chosen().orElseThrow() + ", " + o.indexes();
    }

    private static PlanCheckReport check(ProjectSettings settings) {
        try (Database db = ExampleServices.open(settings)) {
            return new PlanCheckService(db, Diagnostics.silent()).check(ChecksFile.load(settings.checksFile()),
                    new PlanCheckOptions(PlanCheckMode.CHOSEN, true, List.of()));
        }
    }
}
