package dev.idxmig.status;

import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.ExampleServices;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("sqlite")
class StatusServiceTest {
    @TempDir
    Path dir;

    @Test
    void theMigratedExampleShowsEachMigrationWithTheIndexesItCreated() {
        ExampleProject.migrated(dir);
        ProjectSettings settings = ExampleServices.settings(dir);
        StatusReport report;
        try (Database db = ExampleServices.open(settings)) {
            report = new StatusService(db, settings).status();
        }
        assertEquals(Optional.of("4"), report.schemaVersion());
        assertEquals(List.of("1 applied", "2 applied", "3 applied", "4 applied"), report.migrations().stream()
                .map(m -> m.version() + " " + m.state()).toList());
        assertEquals(List.of(
                        List.of(),
                        List.of(),
                        List.of("created worklogs idx_worklogs_instance_range valid",
                                "created worklogs idx_worklogs_user_range valid"),
                        List.of("created billing_rates idx_billing_rates_lookup valid",
                                "created factorial_leaves idx_factorial_leaves_company_status valid")),
                report.migrations().stream().map(m -> m.indexes().stream()
                        .map(i -> i.action() + " " + i.table() + " " + i.index() + " " + i.state()).toList()).toList());
    }
}
