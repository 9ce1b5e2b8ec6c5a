package dev.idxmig.status;

import dev.idxmig.base.Json;
import dev.idxmig.status.StatusReport.IndexState;
import dev.idxmig.status.StatusReport.MigrationState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Status states are enums inside and the same words as before outside: in text and in JSON. */
@Tag("unit")
class StatusStatesTest {

    @Test
    void migrationStatesKeepTheirWords() {
        assertEquals(List.of("applied", "failed", "pending", "missing", "ignored", "rolled back", "baseline",
                "below baseline", "repaired"), Arrays.stream(MigrationState.values()).map(MigrationState::label)
                .toList());
        assertEquals("\"below baseline\"", Json.mapper().writeValueAsString(MigrationState.BELOW_BASELINE));
        assertEquals("rolled back", "" + MigrationState.ROLLED_BACK);
    }

    @Test
    void indexStatesKeepTheirWordsAndSayWhichDrifted() {
        assertEquals(List.of("valid", "invalid", "missing", "changed", "gone", "present", "superseded",
                "ignored"),
                Arrays.stream(IndexState.values()).map(IndexState::label).toList());
        assertEquals("\"superseded\"", Json.mapper().writeValueAsString(IndexState.SUPERSEDED));
        assertEquals(List.of(IndexState.INVALID, IndexState.MISSING, IndexState.CHANGED),
                Arrays.stream(IndexState.values()).filter(IndexState::drifted).toList());
    }
}
