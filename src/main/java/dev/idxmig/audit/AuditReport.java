package dev.idxmig.audit;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.idxmig.base.CheckReport;
import dev.idxmig.base.CheckResult;
import dev.idxmig.base.Finding;
import dev.idxmig.base.Severity;
import dev.idxmig.base.Sizes;
import dev.idxmig.base.Table;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code idxmig audit} found on one target: each index of the ledger with its verdict, and as check results
 * (one per index, then the audit's own inputs) for JUnit and Markdown. A verdict in {@code --fail-on} is an error
 * finding; broken and unused are warnings otherwise; the rest informational.
 *
 * @param statistics  since when the usage statistics count, for people; or why there are none
 * @param notes       what limits the audit as a whole (no checks file, a check naming an index the ledger lacks)
 */
public record AuditReport(String title, String schema, String statistics, List<AuditedIndex> indexes,
                          List<String> notes, List<String> failOn) implements CheckReport {

    public AuditReport {
        indexes = List.copyOf(indexes);
        notes = List.copyOf(notes);
        failOn = List.copyOf(failOn);
    }

    static AuditReport of(String title, String schema, String statistics, List<AuditedIndex> indexes,
                          List<String> notes, Set<Verdict> failOn) {
        return new AuditReport(title, schema, statistics, indexes, notes,
                failOn.stream().sorted().map(Verdict::label).toList());
    }

    /** One result per index (its verdict as a finding, its reasons as details), then the notes. */
    @Override
    @com.fasterxml.jackson.annotation.JsonProperty("checks")
    public List<CheckResult> checks() {
        List<CheckResult> results = new ArrayList<>();
        for (AuditedIndex i : indexes) {
            List<String> details = new ArrayList<>(i.reasons());
            i.warnings().forEach(w -> details.add("warning: " + w));
            results.add(new CheckResult(i.index(), List.of(new Finding("audit", severity(i.verdict()), i.index(),
                    i.verdict().label() + ": " + (i.reasons().isEmpty() ? "" : i.reasons().get(0)), Optional.empty())),
                    details, 0));
        }
        if (!notes.isEmpty()) {
            results.add(new CheckResult("audit inputs", notes.stream()
                    .map(n -> Finding.warning("audit", "inputs", n, null)).toList(), List.of(), 0));
        }
        return results;
    }

    private Severity severity(Verdict verdict) {
        if (failOn.contains(verdict.label())) {
            return Severity.ERROR;
        }
        return verdict == Verdict.PROMISE_BROKEN || verdict == Verdict.UNUSED_SINCE_BUILT ? Severity.WARNING
                : Severity.INFO;
    }

    /** Whether part of the audit could not be done (a standby unreachable or not one of the target). */
    @com.fasterxml.jackson.annotation.JsonProperty("partial")
    public boolean partial() {
        return notes.stream().anyMatch(n -> n.startsWith(Replicas.Notes.REPLICA));
    }

    /** How many indexes got each verdict, worst first. */
    @JsonIgnore
    public Map<Verdict, Long> counts() {
        Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
        indexes.forEach(i -> counts.merge(i.verdict(), 1L, Long::sum));
        return counts;
    }

    @Override
    public String summary() {
        List<String> parts = new ArrayList<>();
        counts().forEach((v, n) -> parts.add(n + " " + v.label()));
        return title() + ": " + (passed() ? "OK" : "FAILED") + " — " + indexes.size() + " index"
                + (indexes.size() == 1 ? "" : "es") + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
    }

    /** One row per index: verdict, provenance, scans, size, writes, checks. */
    @Override
    public Optional<Table> table() {
        if (indexes.isEmpty()) {
            return Optional.empty();
        }
        List<List<String>> rows = new ArrayList<>();
        for (AuditedIndex i : indexes) {
            rows.add(List.of(i.index(), i.verdict().label(), i.action().equals("adopted") ? "adopted at "
                    + i.version() : "V" + i.version(), i.scans().map(String::valueOf).orElse("unknown"),
                    i.sizeNow().isPresent() ? Sizes.human(i.sizeNow().getAsLong()) : "-",
                    i.tableWrites().isPresent() ? String.valueOf(i.tableWrites().getAsLong()) : "-",
                    i.checks().isEmpty() ? "-" : String.valueOf(i.checks().size())));
        }
        return Optional.of(new Table(List.of("index", "verdict", "built by", "scans", "size", "table writes",
                "checks"), rows));
    }
}
