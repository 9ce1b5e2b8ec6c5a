package dev.idxmig.output;

import dev.idxmig.audit.AuditedIndex;
import dev.idxmig.audit.Evidence.MeasuredGain;
import dev.idxmig.base.Sizes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** The lines of one audited index that text and Markdown share: provenance, promises, measurements, usage. */
final class AuditLines {
    private AuditLines() {
    }

    static String built(AuditedIndex i) {
        String by = i.action().equals("adopted") ? "adopted at baseline " + i.version()
                : "V" + i.version() + " (" + i.script() + ")";
        return by + ", recorded " + i.appliedAt() + (i.action().equals("adopted") ? "" : ", built in " + i.buildMs()
                + " ms") + "; size " + Sizes.human(i.sizeAtBuild()) + " at build, " + Sizes.human(i.sizeNow())
                + " now" + (i.enforcesConstraint() ? "; enforces a constraint" : "");
    }

    static List<String> promised(AuditedIndex i) {
        List<String> lines = new ArrayList<>();
        i.checks().forEach(c -> lines.add("check '" + c.check() + "' (uses_index): " + switch (c.state()) {
            case HOLDS -> "holds, " + c.detail();
            case BROKEN -> "FAILS now, " + c.detail();
            case NOT_JUDGED -> "not judged here, " + c.detail();
        }));
        if (lines.isEmpty()) {
            lines.add("no check names it");
        }
        return lines;
    }

    static List<String> measured(AuditedIndex i) {
        List<String> lines = new ArrayList<>();
        for (MeasuredGain g : i.gains()) {
            if (g.beforeMs().isEmpty() && g.afterMs().isEmpty()) {
                lines.add(g.check() + ": target median " + ms(g.targetMs()) + ", not measured (bench --save-baseline,"
                        + " then audit --bench FILE)");
                continue;
            }
            lines.add(g.check() + ": median " + ms(g.beforeMs()) + " before, " + ms(g.afterMs()) + " after"
                    + (g.targetMs().isPresent() ? ", target " + ms(g.targetMs()) : ""));
        }
        return lines;
    }

    static String usage(AuditedIndex i) {
        if (i.scans().isEmpty()) {
            return "usage unknown";
        }
        List<String> nodes = new ArrayList<>();
        i.usage().forEach(u -> nodes.add(u.node() + " " + u.scans() + u.lastScan().map(t -> " (last " + t + ")")
                .orElse("")));
        return i.scans().get() + (i.scans().get() == 1 ? " scan" : " scans") + " in the window (" + String.join(", ", nodes) + ")"
                + (i.tableWrites().isPresent() ? "; " + i.tableWrites().getAsLong() + " writes to " + i.table()
                + (i.tableWritesPerHour().isPresent() ? String.format(Locale.ROOT, " (%.0f an hour)",
                i.tableWritesPerHour().getAsDouble()) : "")
                + " since the statistics started" + i.usage().stream().findFirst().map(u -> " at "
                + u.statisticsSince().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).orElse("") : "");
    }

    private static String ms(OptionalDouble ms) {
        if (ms.isEmpty()) {
            return "not measured";
        }
        double v = ms.getAsDouble();
        return v >= 100 ? String.format(Locale.ROOT, "%.0f ms", v) : String.format(Locale.ROOT, "%.2f ms", v);
    }
}
