package dev.idxmig.output;

import dev.idxmig.lint.LintReport;
import dev.idxmig.lint.LintFinding;
import java.io.PrintWriter;

/**
 * Lint findings as GitHub Actions workflow commands ({@code ::error file=...,line=...::message}), which the
 * pull request's "Files changed" view shows on the line. Printed on stdout, where the runner reads them.
 */
public final class GithubAnnotations {
    private GithubAnnotations() {
    }

    public static void write(LintReport report, PrintWriter out) {
        for (LintFinding f : report.findings()) {
            String command = f.severity() == dev.idxmig.base.Severity.ERROR ? "error"
                    : f.severity() == dev.idxmig.base.Severity.WARNING ? "warning" : "notice";
            out.println("::" + command + " file=" + property(f.file()) + ",line=" + f.line() + ",col=" + f.column()
                    + ",title=" + property("idxmig " + f.rule()) + "::"
                    + data(f.message() + f.fix().map(fix -> ". Fix: " + fix).orElse("")));
        }
        out.flush();
    }

    /** Escapes a message as the runner expects (its toolkit's escapeData). */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escapes a property value (its toolkit's escapeProperty). */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
