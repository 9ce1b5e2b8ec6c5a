package dev.idxmig.output;

import dev.idxmig.status.StatusReport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The baseline row of status lists the adopted indexes, a screenful of them, and every one that drifted. */
@Tag("unit")
class StatusTextTest {
    private static String text(int adopted, StatusReport.IndexState driftedState) {
        List<StatusReport.IndexStatus> indexes = new ArrayList<>();
        for (int i = 1; i <= adopted; i++) {
            indexes.add(new StatusReport.IndexStatus("adopted", "t", String.format("t_%02d", i), StatusReport.IndexState.VALID,
                    OptionalLong.empty(), Optional.of("CREATE INDEX ..."), Optional.empty()));
        }
        indexes.add(new StatusReport.IndexStatus("adopted", "t", "t_pkey", driftedState, OptionalLong.empty(),
                Optional.of("CREATE UNIQUE INDEX ..."), Optional.of("primary key PRIMARY KEY (id)")));
        StatusReport report = new StatusReport("PostgreSQL 15", "public", Optional.of("0"), List.of(
                new StatusReport.MigrationStatus("0", "baseline 0: " + (adopted + 1) + " indexes adopted", "<< baseline >>",
                        StatusReport.MigrationState.BASELINE, Optional.empty(), OptionalLong.empty(), true, Optional.empty(), indexes)),
                List.of());
        StringWriter out = new StringWriter();
        StatusText.write(report, new PrintWriter(out, true));
        return out.toString();
    }

    @Test
    void aFewAdoptedIndexesAreAllListed() {
        String out = text(3, StatusReport.IndexState.VALID);
        assertTrue(out.contains("adopted t_03 on t: valid"), out);
        assertTrue(out.contains("adopted t_pkey on t (primary key PRIMARY KEY (id)): valid"), out);
        assertFalse(out.contains("more adopted"), out);
    }

    @Test
    void manyAreCollapsedPastAScreenfulButDriftIsAlwaysShown() {
        String out = text(30, StatusReport.IndexState.MISSING);
        assertTrue(out.contains("adopted t_20 on t: valid"), out);
        assertFalse(out.contains("t_21"), out);
        assertTrue(out.contains("... and 10 more adopted (--format json lists all)"), out);
        assertTrue(out.contains("adopted t_pkey on t (primary key PRIMARY KEY (id)): missing"), out);
        assertEquals(20, out.lines().filter(l -> l.contains(": valid")).count(), out);
    }
}
