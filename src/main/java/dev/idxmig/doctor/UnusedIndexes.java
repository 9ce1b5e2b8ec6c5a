package dev.idxmig.doctor;

import dev.idxmig.base.Finding;
import dev.idxmig.base.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Indexes no query scanned since statistics were collected. A warning, not an error: statistics only cover the
 * time since their last reset or the server's start, and a monthly report may not have run yet in that time.
 */
final class UnusedIndexes extends DoctorCheck {
    /** Below a week of statistics, weekly jobs may not have run: say so next to the findings. */
    private static final long SHORT_WINDOW_SECONDS = 7 * 86_400;

    UnusedIndexes() {
        super("unused-index", Severity.WARNING, "doctor_unused_indexes");
    }

    @Override
    Optional<String> contextQuery() {
        return Optional.of("doctor_statistics_age");
    }

    @Override
    Finding finding(Row row, Optional<Row> context) {
        return finding(row.text("index_name"), "0 scans " + StatisticsAge.window(context) + onTable(row)
                + size(row), "if no rare job needs it: " + row.text("drop_statement"));
    }

    @Override
    Optional<IndexDrop> drop(Row row, Optional<Row> context) {
        return Optional.of(new IndexDrop(row.text("schema_name"), row.text("table_name"), row.text("index_name"),
                row.text("drop_statement"), "unused: 0 scans " + StatisticsAge.since(context)));
    }

    @Override
    List<String> details(List<Row> rows, Optional<Row> context) {
        List<String> lines = new ArrayList<>();
        lines.add(StatisticsAge.describe(context));
        if (context.isPresent() && context.get().number("age_seconds") < SHORT_WINDOW_SECONDS) {
            lines.add("statistics cover less than a week: an index that weekly or monthly jobs use can look unused");
        }
        return lines;
    }
}
