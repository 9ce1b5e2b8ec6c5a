package dev.idxmig.base;

import java.util.List;

/**
 * One check that ran, with everything it found. It passes when none of its findings is an error.
 *
 * @param details  extra lines a person may want under the check (a plan excerpt, a timing), in every format
 */
public record CheckResult(String name, List<Finding> findings, List<String> details, long durationMs) {

    public CheckResult {
        findings = List.copyOf(findings);
        details = List.copyOf(details);
    }

    public static CheckResult of(String name, List<Finding> findings) {
        return new CheckResult(name, findings, List.of(), 0);
    }

    @com.fasterxml.jackson.annotation.JsonProperty("passed")
    public boolean passed() {
        return findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}
