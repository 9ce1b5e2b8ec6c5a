package dev.idxmig.base;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Optional;

/**
 * A report made of checks and their findings (verify, plan-check, lint, doctor, bench targets): every writer
 * can print it, including JUnit XML for CI test views and Markdown for job summaries.
 */
@JsonPropertyOrder({"title", "passed", "summary"})
public interface CheckReport {

    /** The command and target, e.g. {@code verify PostgreSQL 15.4, schema public}. */
    @JsonProperty("title")
    String title();

    List<CheckResult> checks();

    @JsonProperty("passed")
    default boolean passed() {
        return checks().stream().allMatch(CheckResult::passed);
    }

    /**
     * Whether the report passes when findings of {@code failOn} severity or worse fail it ({@code --fail-on}):
     * with {@link Severity#ERROR} the same as {@link #passed()}.
     */
    default boolean passed(Severity failOn) {
        return passed() && checks().stream().flatMap(c -> c.findings().stream())
                .noneMatch(f -> f.severity().atLeast(failOn));
    }

    /** The report's numbers side by side (bench), printed under the summary line; most reports have none. */
    @JsonIgnore
    default Optional<Table> table() {
        return Optional.empty();
    }

    default long count(Severity severity) {
        return checks().stream().mapToLong(c -> c.count(severity)).sum();
    }

    /** One line: how many checks, how many problems. Printed first, and to the terminal even with --output. */
    @JsonProperty("summary")
    default String summary() {
        long errors = count(Severity.ERROR);
        long warnings = count(Severity.WARNING);
        long failed = checks().stream().filter(c -> !c.passed()).count();
        return String.format("%s: %s — %d check%s, %d failed, %d error%s, %d warning%s", title(),
                passed() ? "OK" : "FAILED", checks().size(), checks().size() == 1 ? "" : "s", failed, errors,
                errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
    }
}
