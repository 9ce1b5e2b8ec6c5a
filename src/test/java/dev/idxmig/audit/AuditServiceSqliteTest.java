package dev.idxmig.audit;

import dev.idxmig.audit.Evidence.CheckPromise;
import dev.idxmig.audit.Evidence.MeasuredGain;
import dev.idxmig.audit.Evidence.PromiseState;
import dev.idxmig.base.Diagnostics;
import dev.idxmig.checks.ChecksFile;
import dev.idxmig.config.DatabaseUrls;
import dev.idxmig.db.Database;
import dev.idxmig.plan.PlanCheckMode;
import dev.idxmig.testing.ExampleProject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service's records on the example's SQLite file: provenance from the ledger, promises from the checks. */
@Tag("sqlite")
class AuditServiceSqliteTest {
    @TempDir
    Path dir;

    @Test
    void eachLedgerIndexCarriesItsProvenancePromisesAndAVerdictWithoutUsage() {
        ExampleProject.migrated(dir);
        ChecksFile checks = ChecksFile.load(dir.resolve("migrations/checks.yaml"));
        AuditRequest request = new AuditRequest(Optional.of(checks), List.of(), Optional.empty(), Set.of(),
                PlanCheckMode.CHOSEN, List.of());
        AuditReport report;
        try (Database db = Database.open(DatabaseUrls.parse("jdbc:sqlite:" + dir.resolve("idxmig.db")),
                Optional.empty())) {
            report = new AuditService(db, Diagnostics.silent()).audit(request);
        }

        assertEquals(List.of("idx_billing_rates_lookup", "idx_factorial_leaves_company_status",
                "idx_worklogs_instance_range", "idx_worklogs_user_range"),
                report.indexes().stream().map(AuditedIndex::index).toList());
        AuditedIndex user = report.indexes().get(3);
        assertEquals(List.of("3", "V3__worklog_indexes.sql", "created", "worklogs"),
                List.of(user.version(), user.script(), user.action(), user.table()));
        assertEquals(List.of(new CheckPromise("user worklogs in a month", PromiseState.HOLDS, "the planner chooses it"),
                new CheckPromise("user worklogs in a month, with parameters", PromiseState.HOLDS,
                        "the planner chooses it")), user.checks());
        assertEquals(List.of(new MeasuredGain("user worklogs in a month", OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.of(200))), user.gains());
        assertEquals(Verdict.DELIVERED, user.verdict());
        assertEquals(Optional.empty(), user.scans());
        assertTrue(user.sizeAtBuild().isPresent() && user.definition().isPresent(), user::toString);
        assertEquals(List.of(), report.notes());
        assertTrue(report.passed());
    }
}
