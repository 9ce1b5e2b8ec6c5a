package dev.idxmig.cli;

import dev.idxmig.base.Failure;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.rollback.RollbackOptions;
import dev.idxmig.script.Version;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Option checks that run before any connection, one place each, with the words users see. */
@Tag("unit")
class OptionValidationTest {

    @Test
    void rollbackToIsParsedOnceIntoAVersion() {
        RollbackOptions options = RollbackCommand.request("1_2", null, true, false);
        assertEquals(new RollbackOptions.Reach.DownTo(Version.parse("1.2")), options.reach());
    }

    @Test
    void rollbackRefusesAToThatIsNotAVersion() {
        IdxmigException e = usage(() -> RollbackCommand.request("v2", null, false, false));
        assertEquals("--to v2 is not a version", e.getMessage());
        assertEquals(Optional.of("write a version such as 3 or 1.2"), e.hint());
    }

    @Test
    void rollbackRefusesToAndStepsTogether() {
        IdxmigException e = usage(() -> RollbackCommand.request("2", 1, false, false));
        assertEquals("--to and --steps exclude each other", e.getMessage());
    }

    @Test
    void rollbackRefusesStepsBelowOne() {
        IdxmigException e = usage(() -> RollbackCommand.request(null, 0, false, false));
        assertEquals("--steps must be 1 or more, not 0", e.getMessage());
    }

    @Test
    void aRollbackRequestBreakingTheCommandsRulesIsABug() {
        assertThrows(IllegalArgumentException.class, () -> new RollbackOptions.Reach.Steps(0));
    }

    @Test
    void fleetRefusesParallelBelowOne() {
        FleetOptions fleet = new FleetOptions();
        fleet.parallel = 0;
        fleet.maxServerBuilds = 2;
        IdxmigException e = usage(fleet::validate);
        assertEquals("--parallel must be 1 or more, not 0", e.getMessage());
    }

    @Test
    void fleetRefusesMaxServerBuildsBelowOne() {
        FleetOptions fleet = new FleetOptions();
        fleet.parallel = 4;
        fleet.maxServerBuilds = 0;
        IdxmigException e = usage(fleet::validate);
        assertEquals("--max-server-builds must be 1 or more, not 0", e.getMessage());
    }

    private static IdxmigException usage(Runnable check) {
        IdxmigException e = assertThrows(IdxmigException.class, check::run);
        assertEquals(Failure.USAGE, e.failure());
        return e;
    }
}
