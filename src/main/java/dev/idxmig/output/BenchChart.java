package dev.idxmig.output;

import dev.idxmig.bench.TimingStats;
import dev.idxmig.bench.QueryBenchmark;
import dev.idxmig.bench.BenchRun;
import dev.idxmig.base.IdxmigException;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A bar chart of median times per query (XChart: a maintained library, rather than hand-drawn SVG). One series
 * for a bench run, two ("before", "after") for migrate --benchmark. SVG or PNG, chosen by the file's extension.
 */
public final class BenchChart {
    private BenchChart() {
    }

    /** Refuses a chart file of another kind, before any measuring (or migrating) starts. */
    public static void checkKind(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".svg") && !name.endsWith(".png")) {
            throw IdxmigException.usage("--chart " + file + ": the file must end in .svg or .png", null);
        }
    }

    public static void write(Path file, Optional<BenchRun> before, BenchRun after) {
        checkKind(file);
        boolean svg = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg");
        CategoryChart chart = chart(before, after);
        try {
            if (svg) {
                VectorGraphicsEncoder.saveVectorGraphic(chart, file.toString(),
                        VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            } else {
                BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            }
        } catch (IOException e) {
            throw IdxmigException.usage("cannot write chart " + file + ": " + e.getMessage(),
                    "check that the folder exists and is writable");
        }
    }

    /** The chart: one bar per measured query and series. */
    static CategoryChart chart(Optional<BenchRun> before, BenchRun after) {
        // charts draw with AWT; a CLI on a server has no display
        System.setProperty("java.awt.headless", "true");
        List<String> names = new ArrayList<>();
        List<Double> afterMs = new ArrayList<>();
        List<Double> beforeMs = new ArrayList<>();
        for (QueryBenchmark q : after.queries()) {
            if (q.timing().isEmpty()) {
                continue;
            }
            names.add(q.name());
            afterMs.add(q.timing().get().medianMs());
            beforeMs.add(before.flatMap(b -> b.query(q.name())).flatMap(QueryBenchmark::timing)
                    .map(TimingStats::medianMs).orElse(null)); // not measured: no bar, never a zero
        }
        if (names.isEmpty()) {
            throw IdxmigException.usage("--chart: no query was measured, nothing to draw", null);
        }
        CategoryChart chart = new CategoryChartBuilder().width(200 + 160 * names.size()).height(480)
                .title("Median time per query (" + after.database() + ", " + after.runs() + " runs)")
                .xAxisTitle("query").yAxisTitle("median ms").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLabelRotation(20);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern("#,##0.00");
        if (before.isPresent()) {
            chart.addSeries("before", names, beforeMs);
            chart.addSeries("after", names, afterMs);
        } else {
            chart.addSeries("median", names, afterMs);
        }
        return chart;
    }
}
