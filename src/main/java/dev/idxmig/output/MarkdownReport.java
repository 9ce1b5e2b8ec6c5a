package dev.idxmig.output;

import dev.idxmig.base.Finding;
import dev.idxmig.base.CheckResult;
import dev.idxmig.base.CheckReport;
import java.io.PrintWriter;

/** Markdown for a CI job summary or a pull-request comment: the summary, then a table of findings. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    static void write(CheckReport report, PrintWriter out) {
        out.println("### " + (report.passed() ? "✅ " : "❌ ") + cell(report.summary()));
        out.println();
        report.table().ifPresent(t -> {
            out.println(row(t.header()));
            out.println("|" + "---|".repeat(t.header().size()));
            t.rows().forEach(r -> out.println(row(r)));
            out.println();
        });
        out.println("| check | result | severity | object | finding | fix |");
        out.println("|---|---|---|---|---|---|");
        for (CheckResult check : report.checks()) {
            String result = check.passed() ? "pass" : "**fail**";
            if (check.findings().isEmpty()) {
                out.println("| " + cell(check.name()) + " | " + result + " | | | | |");
            }
            for (Finding f : check.findings()) {
                out.println("| " + cell(check.name()) + " | " + result + " | " + f.severity().label() + " | `"
                        + cell(f.object()).replace("`", "'") + "` | " + cell(f.message()) + " | "
                        + cell(f.hint().orElse("")) + " |");
            }
        }
        boolean anyDetails = report.checks().stream().anyMatch(c -> !c.details().isEmpty());
        if (anyDetails) {
            out.println();
            for (CheckResult check : report.checks()) {
                if (check.details().isEmpty()) {
                    continue;
                }
                out.println("<details><summary>" + cell(check.name()) + "</summary>");
                out.println();
                out.println("```");
                check.details().forEach(out::println);
                out.println("```");
                out.println("</details>");
            }
        }
    }

    private static String row(java.util.List<String> cells) {
        return "| " + String.join(" | ", cells.stream().map(MarkdownReport::cell).toList()) + " |";
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\r", "").replace("\n", "<br>");
    }
}
