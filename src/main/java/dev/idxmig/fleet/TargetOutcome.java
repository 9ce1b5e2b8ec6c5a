package dev.idxmig.fleet;

import dev.idxmig.base.Failure;

import java.util.Optional;

/**
 * How one target of a fleet run ended.
 *
 * @param headline one line for people: "applied 2 migrations, 4 index changes", "up to date at version 5"
 * @param report   the command's own report for this target (written out, then let go)
 */
public record TargetOutcome(String target, Status status, String headline, long durationMs, Optional<Object> report,
                            Optional<String> error, int exitCode) {

    public enum Status {
        OK, PROBLEMS, FAILED, SKIPPED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static TargetOutcome ok(String target, String headline, Object report) {
        return new TargetOutcome(target, Status.OK, headline, 0, Optional.of(report), Optional.empty(), 0);
    }

    public static TargetOutcome problems(String target, String headline, Object report) {
        return new TargetOutcome(target, Status.PROBLEMS, headline, 0, Optional.of(report), Optional.empty(),
                Failure.PROBLEMS.exitCode());
    }

    /** A check command's outcome on a target: ok when the report passed, with problems when not. */
    public static TargetOutcome checked(String target, dev.idxmig.base.CheckReport report) {
        return checked(target, report, dev.idxmig.base.Severity.ERROR);
    }

    /** The same, failing on findings of {@code failOn} severity or worse ({@code --fail-on}). */
    public static TargetOutcome checked(String target, dev.idxmig.base.CheckReport report,
                                        dev.idxmig.base.Severity failOn) {
        String summary = report.summary();
        String headline = summary.startsWith(report.title() + ": ")
                ? summary.substring(report.title().length() + 2) : summary;
        return report.passed(failOn) ? ok(target, headline, report) : problems(target, headline, report);
    }

    public static TargetOutcome failed(String target, Failure failure, String error, Optional<Object> report) {
        return new TargetOutcome(target, Status.FAILED, error.lines().findFirst().orElse(error), 0, report,
                Optional.of(error), failure.exitCode());
    }

    static TargetOutcome skipped(String target, String why) {
        return new TargetOutcome(target, Status.SKIPPED, why, 0, Optional.empty(), Optional.empty(), 0);
    }

    TargetOutcome took(long ms) {
        return new TargetOutcome(target, status, headline, ms, report, error, exitCode);
    }
}
