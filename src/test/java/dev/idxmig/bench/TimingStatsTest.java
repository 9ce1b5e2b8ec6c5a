package dev.idxmig.bench;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class TimingStatsTest {

    @Test
    void oddCountTakesTheMiddleRunWhateverTheOrder() {
        TimingStats t = TimingStats.of(List.of(5.0, 1.0, 4.0, 2.0, 3.0));
        assertEquals(5, t.runs());
        assertEquals(1.0, t.minMs());
        assertEquals(3.0, t.medianMs());
        assertEquals(5.0, t.maxMs());
    }

    @Test
    void evenCountAveragesTheTwoMiddleRuns() {
        assertEquals(2.5, TimingStats.of(List.of(4.0, 1.0, 3.0, 2.0)).medianMs());
    }

    @Test
    void p95IsTheNearestRank() {
        List<Double> runs = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            runs.add((double) i);
        }
        Collections.shuffle(runs, new java.util.Random(7));
        TimingStats t = TimingStats.of(runs);
        assertEquals(19.0, t.p95Ms(), "19 of 20 runs are at or under the 19th");
        assertEquals(10.5, t.medianMs());
        runs.add(21.0);
        assertEquals(20.0, TimingStats.of(runs).p95Ms(), "ceil(0.95 * 21) = 20");
    }

    @Test
    void withFewerThanTwentyRunsP95IsTheMaximum() {
        TimingStats t = TimingStats.of(List.of(1.0, 1.1, 1.2, 1.3, 9.0));
        assertEquals(9.0, t.p95Ms());
    }

    @Test
    void aSingleRunIsItsOwnSummary() {
        TimingStats t = TimingStats.of(List.of(2.0));
        assertEquals(2.0, t.minMs());
        assertEquals(2.0, t.medianMs());
        assertEquals(2.0, t.p95Ms());
        assertEquals(2.0, t.maxMs());
    }

    @Test
    void noisyWhenTheSlowestRunTookMoreThanThreeTimesTheMedian() {
        assertTrue(TimingStats.of(List.of(1.0, 1.0, 1.0, 1.0, 3.1)).noisy());
        assertFalse(TimingStats.of(List.of(1.0, 1.0, 1.0, 1.0, 3.0)).noisy(), "exactly 3x is not over 3x");
    }

    @Test
    void noRunsIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> TimingStats.of(List.of()));
    }
}
