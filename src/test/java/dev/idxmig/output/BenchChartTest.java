package dev.idxmig.output;

import dev.idxmig.bench.TimingStats;
import dev.idxmig.bench.QueryBenchmark;
import dev.idxmig.bench.BenchRun;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The chart's data: which series, which bars, and no invented bar for what was not measured. */
@Tag("unit")
class BenchChartTest {

    private static QueryBenchmark measured(String name, double... millis) {
        List<Double> runs = new ArrayList<>();
        for (double m : millis) {
            runs.add(m);
        }
        return new QueryBenchmark(name, "measured", Optional.empty(), Optional.of(TimingStats.of(runs)),
                OptionalLong.of(1), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalDouble.empty(), OptionalLong.empty(), List.of(), List.of(), false, List.of(), OptionalDouble.empty());
    }

    private static QueryBenchmark failed(String name) {
        return new QueryBenchmark(name, "failed", Optional.of("no such table"), Optional.empty(),
                OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalDouble.empty(), OptionalLong.empty(), List.of(), List.of(), false, List.of(), OptionalDouble.empty());
    }

    private static BenchRun run(QueryBenchmark... queries) {
        return new BenchRun("SQLite 3.54.1", "main", "2 cores", "2026-11-22T00:00:00Z", 5, 1, List.of(queries));
    }

    @Test
    void beforeAndAfterAreTwoSeriesOverTheMeasuredQueries() {
        BenchRun before = run(measured("a", 10, 12, 11), failed("b"), measured("c", 4, 4, 4));
        BenchRun after = run(measured("a", 1, 1, 2), measured("b", 3, 3, 3), measured("c", 2, 2, 2), failed("d"));
        CategoryChart chart = BenchChart.chart(Optional.of(before), after);
        assertEquals(List.of("before", "after"), new ArrayList<>(chart.getSeriesMap().keySet()));
        CategorySeries b = chart.getSeriesMap().get("before");
        CategorySeries a = chart.getSeriesMap().get("after");
        assertEquals(List.of("a", "b", "c"), new ArrayList<>(a.getXData()), "d was not measured after: no bar");
        assertEquals(List.of(1.0, 3.0, 2.0), new ArrayList<>(a.getYData()));
        List<Number> was = new ArrayList<>(b.getYData());
        assertEquals(11.0, was.get(0));
        assertNull(was.get(1), "b failed before: no bar, never a zero");
        assertEquals(4.0, was.get(2));
    }

    @Test
    void aSingleRunIsOneSeriesOfMedians() {
        CategoryChart chart = BenchChart.chart(Optional.empty(), run(measured("a", 1, 2, 3)));
        assertEquals(List.of("median"), new ArrayList<>(chart.getSeriesMap().keySet()));
        assertEquals(List.of(2.0), new ArrayList<>(chart.getSeriesMap().get("median").getYData()));
    }
}
