package dev.idxmig.verify;

import dev.idxmig.base.CheckResult;
import dev.idxmig.base.Diagnostics;
import dev.idxmig.base.Finding;
import dev.idxmig.base.Severity;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.ExampleServices;
import dev.idxmig.testing.ExampleSqlite;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(PostgresExtension.class)
@Tag("postgres")
@Tag("sqlite")
class VerifyServiceTest {
    private static final List<String> CHECKS = List.of("promised indexes", "invalid indexes", "migration history",
            "data integrity", "pending migrations");

    @TempDir
    Path dir;

    @Test
    void theMigratedExamplePassesEveryCheckWithNoFinding() {
        ExampleProject.migrated(dir);
        VerifyReport report = verify(ExampleServices.settings(dir));

        assertEquals(CHECKS, report.checks().stream().map(CheckResult::name).toList());
        assertEquals(List.of(), report.checks().stream().flatMap(c -> c.findings().stream()).toList());
    }

    @Test
    void anIndexDroppedByHandIsAPromisedIndexMissing() throws Exception {
        ExampleProject.migrated(dir);
        ExampleSqlite.execute(dir, "DROP INDEX idx_worklogs_user_range");

        List<Finding> promised = findings(verify(ExampleServices.settings(dir)), "promised indexes");

        assertEquals(1, promised.size(), promised::toString);
        assertEquals(Severity.ERROR, promised.get(0).severity());
        assertTrue(promised.get(0).object().contains("idx_worklogs_user_range"), promised::toString);
    }

    @Test
    void postgresInAnotherSchemaFindsTheSameDroppedIndex(PgDatabase db) {
        ExampleProject.copyTo(dir);
        db.execute("CREATE SCHEMA tenant_a");
        dev.idxmig.testing.Idxmig.in(dir).target(db.cliArgs()).run("migrate", "--schema", "tenant_a",
                ExampleProject.SMALL);
        ProjectSettings settings = ExampleServices.settings(dir, db, "tenant_a");
        assertEquals(List.of(), verify(settings).checks().stream().flatMap(c -> c.findings().stream())
                .filter(f -> f.severity() == Severity.ERROR).toList());

        db.execute("DROP INDEX tenant_a.idx_worklogs_user_range");
        List<Finding> promised = findings(verify(settings), "promised indexes");

        assertEquals(List.of("ERROR"), promised.stream().map(f -> f.severity().name()).toList());
        assertTrue(promised.get(0).object().contains("idx_worklogs_user_range"), promised::toString);
    }

    private static VerifyReport verify(ProjectSettings settings) {
        try (Database db = ExampleServices.open(settings)) {
            return new VerifyService(db, settings, Diagnostics.silent()).verify(VerifyOptions.afterChange());
        }
    }

    private static List<Finding> findings(VerifyReport report, String check) {
        return report.checks().stream().filter(c -> c.name().equals(check)).flatMap(c -> c.findings().stream())
                .toList();
    }
}
