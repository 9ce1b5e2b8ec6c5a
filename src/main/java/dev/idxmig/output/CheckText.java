package dev.idxmig.output;

import dev.idxmig.base.Severity;
import dev.idxmig.base.Finding;
import dev.idxmig.base.CheckResult;
import dev.idxmig.base.CheckReport;
import java.io.PrintWriter;

/** Check results for people: the summary line first, then findings grouped by check, each with what to do. */
public final class CheckText {
    private CheckText() {
    }

    static void write(CheckReport report, PrintWriter out) {
        out.println(report.summary());
        report.table().ifPresent(t -> {
            TextTable.of(t).print(out, "  ");
            out.println();
        });
        for (CheckResult check : report.checks()) {
            String mark = !check.passed() ? "FAIL" : check.count(Severity.WARNING) > 0 ? "warn" : "ok";
            out.println(String.format("  %-4s  %s", mark, check.name()));
            for (Finding f : check.findings()) {
                out.println(String.format("        %-7s %s: %s", f.severity().label(), f.object(), f.message()));
                f.hint().ifPresent(h -> out.println("                fix: " + h));
            }
            for (String line : check.details()) {
                out.println("        " + line);
            }
        }
    }
}
