package dev.idxmig.cli;

import java.util.List;

/** The index lines of printed plans, comparable between a hypothetical and a real plan-check. */
final class PlanLines {
    private PlanLines() {
    }

    /**
     * The plan lines reading {@code index}, without what differs between a hypothetical and a built index (the
     * "(hypothetical)" mark, costs and row estimates): which operation reads which index, on which condition.
     */
    static List<String> of(String report, String index) {
        return report.lines().map(String::strip).filter(l -> l.endsWith("<- index") && l.contains(index + " ")
                        || l.endsWith("<- index") && l.contains(index + ")"))
                .map(l -> l.replace(" (hypothetical)", "").replaceAll("\\s*\\(cost [^)]*\\)", "")
                        .replace("<- index", "").strip())
                .distinct().toList();
    }
}
