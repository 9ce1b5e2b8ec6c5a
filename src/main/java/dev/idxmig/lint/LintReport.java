package dev.idxmig.lint;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.idxmig.base.CheckReport;
import dev.idxmig.base.CheckResult;
import dev.idxmig.base.Finding;
import dev.idxmig.base.Severity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What lint found. As a {@link CheckReport} it is one check per rule that ran (so JUnit shows one test case per
 * rule, passing or failing), each finding's object being its {@code file:line:column}.
 *
 * @param target    the database the scripts were linted for ({@code postgresql}, {@code sqlite})
 * @param connected whether lint read the live database (pending detection, connected rules)
 * @param files     the scripts linted, as findings name them
 * @param rules     the rules that ran, with their reasons
 * @param failOn    the least severity that fails the report ({@code --fail-on}; error by default)
 * @param shadow    with {@code --shadow}: the replay of the pending migrations on a shadow copy, whose checks
 *                  count with lint's (one report, one document in every format)
 */
public record LintReport(String title, String target, boolean connected, List<String> files, List<Rule> rules,
                         List<LintFinding> findings, Severity failOn, Optional<CheckReport> shadow)
        implements CheckReport {

    /** A rule that ran: its id, usual severity and one-line reason. */
    public record Rule(String id, Severity severity, String reason) {
    }

    public LintReport {
        files = List.copyOf(files);
        rules = List.copyOf(rules);
        findings = List.copyOf(findings);
    }

    /** A report that fails on errors only. */
    public LintReport(String title, String target, boolean connected, List<String> files, List<Rule> rules,
                      List<LintFinding> findings) {
        this(title, target, connected, files, rules, findings, Severity.ERROR);
    }

    public LintReport(String title, String target, boolean connected, List<String> files, List<Rule> rules,
                      List<LintFinding> findings, Severity failOn) {
        this(title, target, connected, files, rules, findings, failOn, Optional.empty());
    }

    /** This report with the shadow replay's, which then counts for passing and lists its checks after lint's. */
    public LintReport withShadow(CheckReport replay) {
        return new LintReport(title + ", with the shadow replay", target, connected, files, rules, findings, failOn,
                Optional.of(replay));
    }

    /** In JSON too, so {@code jq .passed} answers what the exit code answers, under the {@code failOn} threshold. */
    @Override
    @JsonProperty("passed")
    public boolean passed() {
        return findings.stream().noneMatch(f -> f.severity().atLeast(failOn))
                && shadow.map(r -> r.passed(failOn)).orElse(true);
    }

    @Override
    @JsonProperty("summary")
    public String summary() {
        return CheckReport.super.summary();
    }

    @Override
    public List<CheckResult> checks() {
        List<CheckResult> checks = new ArrayList<>();
        for (Rule rule : rules) {
            List<Finding> found = findings.stream().filter(f -> f.rule().equals(rule.id()))
                    .map(f -> new Finding(f.rule(), f.severity(), f.location(), f.message(), f.fix()))
                    .collect(Collectors.toList());
            checks.add(CheckResult.of(rule.id(), found));
        }
        shadow.ifPresent(r -> checks.addAll(r.checks()));
        return checks;
    }
}
