package dev.idxmig.output;

import dev.idxmig.advise.AdviseReport;

import java.io.PrintWriter;
import java.util.Locale;

/** advise as Markdown, for a pull request: a table of proposals, each statement in a SQL block, the rejections. */
final class AdviseMarkdown {
    private AdviseMarkdown() {
    }

    static void write(AdviseReport r, PrintWriter out) {
        out.println("## idxmig advise");
        out.println();
        out.println(r.summary().substring("advise: ".length()) + ". " + r.database() + " schema `" + r.schema()
                + "`; workload " + AdviseText.sources(r) + "; proof: " + r.hypothetical()
                + String.format(Locale.ROOT, "; min gain %.0f%%.", 100 * r.minGain()));
        if (!r.proposals().isEmpty()) {
            out.println();
            out.println("| index | serves | cost before | cost after | size | table writes |");
            out.println("|---|---|---:|---:|---:|---:|");
            for (AdviseReport.Proposal p : r.proposals()) {
                out.println("| `" + p.name() + "` | " + String.join(", ", p.queries()) + " | "
                        + AdviseText.cost(p.costBefore()) + " | " + AdviseText.cost(p.costAfter()) + " | "
                        + AdviseText.size(p.sizeBytes()) + " | " + AdviseText.count(p.tableWrites()) + " |");
            }
            out.println();
            out.println("```sql");
            r.proposals().forEach(p -> out.println(p.createIndex() + ";"));
            out.println("```");
        }
        if (!r.rejected().isEmpty()) {
            out.println();
            out.println("<details><summary>" + r.rejected().size() + " rejected</summary>");
            out.println();
            for (AdviseReport.Rejection x : r.rejected()) {
                out.println("- `" + x.createIndex() + "`: " + x.reason());
            }
            out.println();
            out.println("</details>");
        }
        if (!r.notes().isEmpty()) {
            out.println();
            r.notes().forEach(n -> out.println("> " + n));
        }
    }
}
