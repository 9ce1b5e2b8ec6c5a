package dev.idxmig.output;

import dev.idxmig.lint.LintReport;
import dev.idxmig.lint.LintFinding;
import java.io.PrintWriter;

/**
 * Lint findings for people, one per line in the {@code file:line:column: severity [rule] message} form that
 * compilers use, so terminals and editors link each one to its line; the fix goes on the next line.
 */
public final class LintText {
    private LintText() {
    }

    public static void write(LintReport report, PrintWriter out) {
        out.println(report.summary());
        for (LintFinding f : report.findings()) {
            out.println(f.location() + ": " + f.severity().label() + " [" + f.rule() + "] " + f.message());
            f.fix().ifPresent(fix -> out.println("    fix: " + fix));
        }
        report.shadow().ifPresent(replay -> CheckText.write(replay, out));
    }
}
