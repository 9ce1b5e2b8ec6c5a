package dev.idxmig.cli;

import dev.idxmig.base.CheckReport;
import dev.idxmig.base.Severity;
import picocli.CommandLine.Option;

/**
 * {@code --fail-on error|warning|info}: the least severity that fails a check command (exit 1), so a team can make
 * a duplicate or unused index fail its CI job. The report itself is unchanged; when only the lowered threshold
 * fails it, stderr says so, since the summary counts warnings without calling them failures.
 */
final class FailOnOption {
    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "error",
            description = "Least severity that fails the run (exit 1): error, warning or info "
                    + "(default: ${DEFAULT-VALUE}).")
    Severity failOn = Severity.ERROR;

    Severity threshold() {
        return failOn;
    }

    /** The exit code for a check report under this threshold, with a line on stderr when the threshold decided. */
    int exitCode(CheckReport report, Console console) {
        if (report.passed(failOn)) {
            return ExitCodes.OK;
        }
        if (report.passed()) {
            long n = failOn == Severity.INFO ? report.count(Severity.WARNING) + report.count(Severity.INFO)
                    : report.count(Severity.WARNING);
            console.warn("--fail-on " + failOn.label() + ": " + n + " finding" + (n == 1 ? "" : "s") + " of "
                    + failOn.label() + " severity or worse fail" + (n == 1 ? "s" : "") + " the run");
        }
        return ExitCodes.PROBLEMS;
    }
}
