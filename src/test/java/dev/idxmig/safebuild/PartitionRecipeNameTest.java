package dev.idxmig.safebuild;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class PartitionRecipeNameTest {
    @Test
    void aPartitionsIndexIsNamedAfterTheIndexAndThePartitionWithinPostgresLimit() {
        assertEquals("ix_events_at_events_r1", PartitionRecipe.childName("ix_events_at", "events_r1"));
        String a = PartitionRecipe.childName("ix_" + "a".repeat(50), "events_2025_" + "é".repeat(20));
        String b = PartitionRecipe.childName("ix_" + "a".repeat(50), "events_2026_" + "é".repeat(20));
        assertTrue(a.getBytes(StandardCharsets.UTF_8).length <= 63, a);
        assertNotEquals(a, b, "cut names of different partitions stay apart");
        assertEquals(a, PartitionRecipe.childName("ix_" + "a".repeat(50), "events_2025_" + "é".repeat(20)),
                "the same name on every run, so a rerun finds it");
    }
}
