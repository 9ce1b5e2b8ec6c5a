package dev.idxmig.output;


import dev.idxmig.base.Severity;
import dev.idxmig.base.Finding;
import dev.idxmig.base.CheckResult;
import dev.idxmig.base.CheckReport;
import dev.idxmig.fleet.FleetRunner;
import dev.idxmig.fleet.FleetSummary;
import dev.idxmig.fleet.ShardReport;
import dev.idxmig.fleet.TargetOutcome;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes a fleet run target by target as each ends, in the chosen format, so a run over thousands of targets
 * never holds their reports in memory: text lines, a JSON document streamed element by element, JUnit XML with
 * one test suite per target, or a Markdown table.
 */
public abstract class FleetWriter implements FleetRunner.Sink {
    protected final PrintWriter out;
    protected final String command;
    /** Set with {@code --shard}: which part of the fleet this run is (said at the start and in the summary). */
    protected Optional<ShardReport> shard = Optional.empty();

    FleetWriter(PrintWriter out, String command) {
        this.out = out;
        this.command = command;
    }

    public static FleetWriter create(ReportFormat format, PrintWriter out, String command) {
        return create(format, out, command, Optional.empty());
    }

    /** The same for a sharded run ({@code --shard K/N}). */
    public static FleetWriter create(ReportFormat format, PrintWriter out, String command,
                                     Optional<ShardReport> shard) {
        FleetWriter writer = writer(format, out, command);
        writer.shard = shard;
        return writer;
    }

    /** The summary's name for the run: the command, and its shard. */
    protected String runName() {
        return shard.map(s -> command + " (" + s.label() + ")").orElse(command);
    }

    private static FleetWriter writer(ReportFormat format, PrintWriter out, String command) {
        switch (format) {
            case JSON:
                return new Json(out, command);
            case JUNIT:
                return new Junit(out, command);
            case MARKDOWN:
                return new Markdown(out, command);
            default:
                return new Text(out, command);
        }
    }

    public abstract void begin();

    public abstract void end(FleetSummary summary);

    private static List<CheckResult> checksOf(TargetOutcome o) {
        return o.report().filter(CheckReport.class::isInstance).map(r -> ((CheckReport) r).checks())
                .orElse(List.of());
    }

    static final class Text extends FleetWriter {
        Text(PrintWriter out, String command) {
            super(out, command);
        }

        @Override
        public void begin() {
            shard.ifPresent(s -> {
                out.println(s.line());
                out.flush();
            });
        }

        @Override
        public synchronized void finished(TargetOutcome o, int done, int total) {
            out.println(String.format(Locale.ROOT, "%-28s %-9s %-60s %6.1f s", o.target(), o.status().label(),
                    o.headline(), o.durationMs() / 1000.0));
            for (CheckResult check : checksOf(o)) {
                for (Finding f : check.findings()) {
                    if (f.severity() == Severity.ERROR) {
                        out.println("    " + check.name() + ": " + f.object() + ": " + f.message());
                    }
                }
            }
            o.error().filter(e -> e.contains("\n")).ifPresent(e -> e.lines().skip(1)
                    .forEach(l -> out.println("    " + l.strip())));
            out.flush();
        }

        @Override
        public void end(FleetSummary summary) {
            out.println();
            out.println(summary.line(runName()));
            summary.failures().forEach(f -> out.println("  failed: " + f));
            out.flush();
        }
    }

    static final class Json extends FleetWriter {
        private boolean first = true;

        Json(PrintWriter out, String command) {
            super(out, command);
        }

        @Override
        public void begin() {
            out.println(JsonReport.head(command));
        }

        @Override
        public synchronized void finished(TargetOutcome o, int done, int total) {
            out.print(first ? "" : ",\n");
            first = false;
            out.print(dev.idxmig.base.Json.mapper().writeValueAsString(o));
            out.flush();
        }

        @Override
        public void end(FleetSummary summary) {
            String shardField = shard.map(s -> "\n  \"shard\" : " + dev.idxmig.base.Json.mapper().writeValueAsString(s)
                    + ",").orElse("");
            out.println("\n  ]," + shardField + "\n  \"summary\" : "
                    + dev.idxmig.base.Json.mapper().writeValueAsString(summary) + "\n}");
            out.flush();
        }
    }

    static final class Junit extends FleetWriter {
        Junit(PrintWriter out, String command) {
            super(out, command);
        }

        @Override
        public void begin() {
            out.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
            out.println("<testsuites name=\"" + JunitReport.xml("idxmig " + runName()) + "\">");
            shard.ifPresent(s -> out.println("<!-- " + JunitReport.xml(s.line()).replace("--", "- -") + " -->"));
        }

        @Override
        public synchronized void finished(TargetOutcome o, int done, int total) {
            List<CheckResult> checks = checksOf(o);
            if (checks.isEmpty()) {
                Finding failure = Finding.error(command, o.target(), o.error().orElse(o.headline()), null);
                boolean failed = o.status() == TargetOutcome.Status.FAILED || o.status() == TargetOutcome.Status.PROBLEMS;
                checks = List.of(new CheckResult(command, failed ? List.of(failure) : List.of(), List.of(o.headline()),
                        o.durationMs()));
            }
            JunitReport.writeSuite(o.target(), checks, out);
            out.flush();
        }

        @Override
        public void end(FleetSummary summary) {
            out.println("</testsuites>");
            out.flush();
        }
    }

    static final class Markdown extends FleetWriter {
        Markdown(PrintWriter out, String command) {
            super(out, command);
        }

        @Override
        public void begin() {
            out.println("### idxmig " + runName());
            out.println();
            shard.ifPresent(s -> {
                out.println(s.line());
                out.println();
            });
            out.println("| target | status | result | time |");
            out.println("|---|---|---|---|");
        }

        @Override
        public synchronized void finished(TargetOutcome o, int done, int total) {
            out.println(String.format(Locale.ROOT, "| %s | %s | %s | %.1f s |", cell(o.target()),
                    o.status() == TargetOutcome.Status.OK ? "ok" : "**" + o.status().label() + "**",
                    cell(o.headline()), o.durationMs() / 1000.0));
            out.flush();
        }

        @Override
        public void end(FleetSummary summary) {
            out.println();
            out.println((summary.failed() + summary.problems() == 0 ? "✅ " : "❌ ") + summary.line(runName()));
            out.flush();
        }

        private static String cell(String s) {
            return s.replace("|", "\\|").replace("\n", " ");
        }
    }
}
