package dev.idxmig.safebuild;

import dev.idxmig.db.StatementGuard;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a guarded statement's progress reads (MariaDB's InnoDB ALTER TABLE stages). */
@Tag("unit")
class GuardedProgressTest {

    @Test
    void aStageWithAnEstimateReadsAsItsShareOfTheWork() {
        assertEquals("alter table (read PK and internal sort) 49% (4642 of 9320)", GuardedProgress.describe(
                new StatementGuard.Progress("alter table (read PK and internal sort)", 4642, 9320)));
    }

    @Test
    void aStageWithoutAnEstimateIsNamedAloneAndWorkPastTheEstimateStopsAtAHundred() {
        assertEquals("alter table (end)", GuardedProgress.describe(new StatementGuard.Progress("alter table (end)",
                3, 0)));
        assertEquals("alter table (insert) 100% (9400 of 9320)", GuardedProgress.describe(
                new StatementGuard.Progress("alter table (insert)", 9400, 9320)));
    }
}
