package dev.idxmig.safebuild;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class SafeBuildBackoffTest {
    @Test
    void backoffDoublesWithJitterInItsUpperHalfAndStopsAtThirtySeconds() {
        for (int i = 0; i < 200; i++) {
            Duration first = SafeBuild.backoff(1);
            assertTrue(first.toMillis() >= 250 && first.toMillis() <= 500, first::toString);
            Duration third = SafeBuild.backoff(3);
            assertTrue(third.toMillis() >= 1000 && third.toMillis() <= 2000, third::toString);
            Duration late = SafeBuild.backoff(40);
            assertTrue(late.toMillis() >= 15_000 && late.toMillis() <= 30_000, late::toString);
        }
    }
}
