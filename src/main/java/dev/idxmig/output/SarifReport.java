package dev.idxmig.output;

import dev.idxmig.base.Json;

import dev.idxmig.lint.LintReport;
import dev.idxmig.lint.LintFinding;
import dev.idxmig.base.Severity;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;

/**
 * Lint findings as SARIF 2.1.0, the format code-scanning views (GitHub code scanning, IDEs) read: one run of the
 * tool {@code idxmig}, its rules, and one result per finding with file, line and column.
 */
public final class SarifReport {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private SarifReport() {
    }

    public static void write(LintReport report, PrintWriter out) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "idxmig");
        ArrayNode rules = driver.putArray("rules");
        for (LintReport.Rule rule : report.rules()) {
            ObjectNode r = rules.addObject();
            r.put("id", rule.id());
            r.putObject("shortDescription").put("text", rule.reason());
            r.putObject("defaultConfiguration").put("level", level(rule.severity()));
        }
        ArrayNode results = run.putArray("results");
        for (LintFinding f : report.findings()) {
            ObjectNode result = results.addObject();
            result.put("ruleId", f.rule());
            result.put("level", level(f.severity()));
            result.putObject("message").put("text", f.message() + f.fix().map(fix -> ". Fix: " + fix).orElse(""));
            ObjectNode location = result.putArray("locations").addObject().putObject("physicalLocation");
            location.putObject("artifactLocation").put("uri", f.file());
            ObjectNode region = location.putObject("region");
            region.put("startLine", f.line());
            region.put("startColumn", f.column());
        }
        out.println(Json.mapper().writeValueAsString(root));
    }

    static String level(Severity severity) {
        switch (severity) {
            case ERROR:
                return "error";
            case WARNING:
                return "warning";
            default:
                return "note";
        }
    }
}
