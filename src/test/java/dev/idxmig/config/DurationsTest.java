package dev.idxmig.config;

import dev.idxmig.base.IdxmigException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class DurationsTest {
    @Test
    void aBareNumberIsSecondsAndUnitsAreRead() {
        assertEquals(Duration.ofSeconds(5), Durations.parse("5", "lock wait"));
        assertEquals(Duration.ofSeconds(5), Durations.parse("5s", "lock wait"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms", "lock wait"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2m", "lock wait"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h", "lock wait"));
        assertEquals(Duration.ofDays(7), Durations.parse("7d", "--since"));
        assertEquals(Duration.ofDays(14), Durations.parse("2w", "--since"));
        assertEquals(Duration.ZERO, Durations.parse("0", "statement timeout"));
    }

    @Test
    void whatIsNotADurationIsAUsageErrorThatSaysHowToWriteOne() {
        for (String bad : new String[] {"soon", "-1s", "1.5s", "5x", ""}) {
            IdxmigException e = assertThrows(IdxmigException.class, () -> Durations.parse(bad, "lock wait"), bad);
            assertEquals(2, e.failure().exitCode());
            assertTrue(e.hint().orElse("").contains("a bare number is seconds"), e::toString);
        }
    }

    @Test
    void aFlagThatTakesItsUnitReadsFractionsAndZero() {
        assertEquals(Duration.ofNanos(500_000), Durations.parseWithUnit("0.5ms", "--min-regression"));
        assertEquals(Duration.ofMillis(100), Durations.parseWithUnit("0.1s", "--min-regression"));
        assertEquals(Duration.ofMillis(2), Durations.parseWithUnit("2ms", "--min-regression"));
        assertEquals(Duration.ZERO, Durations.parseWithUnit("0", "--min-regression"));
    }

    @Test
    void aFlagThatTakesItsUnitRefusesABareNumberSayingHowToWriteIt() {
        IdxmigException e = assertThrows(IdxmigException.class,
                () -> Durations.parseWithUnit("250", "--min-regression"));
        assertEquals(2, e.failure().exitCode());
        assertEquals("--min-regression 250 has no unit", e.getMessage());
        assertTrue(e.hint().orElse("").startsWith("write 250ms"), e::toString);
        IdxmigException word = assertThrows(IdxmigException.class,
                () -> Durations.parseWithUnit("fast", "--min-regression"));
        assertEquals("cannot read --min-regression 'fast'", word.getMessage());
    }
}
