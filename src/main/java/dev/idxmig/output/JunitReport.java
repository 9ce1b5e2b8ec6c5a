package dev.idxmig.output;

import dev.idxmig.base.Severity;
import dev.idxmig.base.Finding;
import dev.idxmig.base.CheckResult;
import dev.idxmig.base.CheckReport;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * JUnit XML, the format CI systems show as test results: one test suite, one test case per check, one
 * failure element per error finding; warnings go to the test case's system-out.
 */
public final class JunitReport {
    private JunitReport() {
    }

    static void write(CheckReport report, PrintWriter out) {
        long failures = report.checks().stream().filter(c -> !c.passed()).count();
        double seconds = report.checks().stream().mapToLong(CheckResult::durationMs).sum() / 1000.0;
        out.println("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        out.println(String.format(Locale.ROOT, "<testsuites name=\"%s\" tests=\"%d\" failures=\"%d\" time=\"%.3f\">",
                xml("idxmig"), report.checks().size(), failures, seconds));
        writeSuite(report.title(), report.checks(), out);
        out.println("</testsuites>");
    }

    /** One test suite: a test case per check, a failure per error finding. */
    static void writeSuite(String name, java.util.List<CheckResult> checks, PrintWriter out) {
        long failures = checks.stream().filter(c -> !c.passed()).count();
        double seconds = checks.stream().mapToLong(CheckResult::durationMs).sum() / 1000.0;
        out.println(String.format(Locale.ROOT, "  <testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" "
                + "time=\"%.3f\">", xml(name), checks.size(), failures, seconds));
        for (CheckResult check : checks) {
            out.println(String.format(Locale.ROOT, "    <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\">",
                    xml(name), xml(check.name()), check.durationMs() / 1000.0));
            StringBuilder systemOut = new StringBuilder();
            for (Finding f : check.findings()) {
                String text = f.object() + ": " + f.message() + f.hint().map(h -> "\nfix: " + h).orElse("");
                if (f.severity() == Severity.ERROR) {
                    out.println(String.format("      <failure message=\"%s\" type=\"%s\">%s</failure>",
                            xml(f.object() + ": " + f.message()), xml(f.check()), xml(text)));
                } else {
                    systemOut.append(f.severity().label()).append(' ').append(text).append('\n');
                }
            }
            check.details().forEach(d -> systemOut.append(d).append('\n'));
            if (systemOut.length() > 0) {
                out.println("      <system-out>" + xml(systemOut.toString()) + "</system-out>");
            }
            out.println("    </testcase>");
        }
        out.println("  </testsuite>");
    }

    static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<': b.append("&lt;"); break;
                case '>': b.append("&gt;"); break;
                case '&': b.append("&amp;"); break;
                case '"': b.append("&quot;"); break;
                case '\'': b.append("&apos;"); break;
                default:
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        b.append(c);
                    }
            }
        }
        return b.toString();
    }
}
