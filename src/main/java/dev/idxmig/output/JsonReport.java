package dev.idxmig.output;

import dev.idxmig.base.CheckReport;
import dev.idxmig.base.Failure;
import dev.idxmig.base.Json;
import dev.idxmig.fleet.FleetSummary;
import dev.idxmig.fleet.TargetOutcome;
import tools.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one JSON document every command writes with {@code --format json}, whether it ran on one target or many:
 * <pre>
 * {"schemaVersion": 1, "command": "verify", "generatedAt": "2026-12-03T08:20:01.5Z",
 *  "targets": [{"target", "status", "headline", "durationMs", "report": {the command's report}, "error", "exitCode"}],
 *  "summary": {"total", "ok", "problems", "failed", "skipped", "interrupted", "durationMs", "failures"}}
 * </pre>
 * A run on one target has one element in {@code targets}; a fleet run streams one per target
 * ({@link FleetWriter}). The reports' fields are the records' components in {@link Json}'s mapping. The shape of
 * each command's document is in docs/schema/; {@link #SCHEMA_VERSION} changes when a field is removed, renamed
 * or changes type (adding a field does not).
 */
public final class JsonReport {
    public static final int SCHEMA_VERSION = 1;

    private JsonReport() {
    }

    /** Any record as JSON, without the document around it (baselines, tests). */
    public static void write(Object report, PrintWriter out) {
        out.println(Json.mapper().writeValueAsString(report));
    }

    /** One target's report as the document; {@code target} names it as a fleet run would (its schema). */
    public static void document(String command, String target, Object report, long durationMs, PrintWriter out) {
        TargetOutcome outcome = outcome(target, report, durationMs);
        FleetSummary summary = new FleetSummary(1, count(outcome, TargetOutcome.Status.OK),
                count(outcome, TargetOutcome.Status.PROBLEMS), count(outcome, TargetOutcome.Status.FAILED), 0, false,
                durationMs, outcome.status() == TargetOutcome.Status.FAILED ? List.of(outcome.target() + ": " + outcome.headline()) : List.of());
        out.println(Json.mapper().writeValueAsString(new Document(SCHEMA_VERSION, command, Instant.now(),
                List.of(outcome), summary)));
    }

    /** The opening of the document up to the targets' array, for a writer that streams the targets. */
    static String head(String command) {
        return "{\n  \"schemaVersion\" : " + SCHEMA_VERSION + ",\n  \"command\" : "
                + Json.mapper().writeValueAsString(command) + ",\n  \"generatedAt\" : "
                + Json.mapper().writeValueAsString(Instant.now()) + ",\n  \"targets\" : [";
    }

    @com.fasterxml.jackson.annotation.JsonPropertyOrder({"schemaVersion", "command", "generatedAt", "targets",
            "summary"})
    record Document(int schemaVersion, String command, Instant generatedAt, List<TargetOutcome> targets,
                    FleetSummary summary) {
    }

    private static int count(TargetOutcome o, TargetOutcome.Status status) {
        return o.status() == status ? 1 : 0;
    }

    /**
     * How a single run ended, read from its report as a fleet run judges a target: a problem (what stopped it) is a
     * failure with its exit code; a check that did not pass, or a verify afterwards that did not, is problems.
     */
    static TargetOutcome outcome(String target, Object report, long durationMs) {
        JsonNode tree = Json.mapper().valueToTree(report);
        JsonNode problem = tree.path("problem");
        if (problem.isObject()) {
            Failure kind = Failure.valueOf(problem.path("kind").asString("operation").toUpperCase(Locale.ROOT));
            String message = problem.path("message").asString("");
            return new TargetOutcome(target, TargetOutcome.Status.FAILED, message.lines().findFirst().orElse(message),
                    durationMs, Optional.of(report), Optional.of(message), kind.exitCode());
        }
        boolean problems = !tree.path("passed").asBoolean(true)
                || !tree.path("verification").path("passed").asBoolean(true);
        boolean partial = tree.path("partial").asBoolean(false);
        int exitCode = problems ? Failure.PROBLEMS.exitCode() : partial ? Failure.PARTIAL.exitCode() : 0;
        return new TargetOutcome(target, problems || partial ? TargetOutcome.Status.PROBLEMS : TargetOutcome.Status.OK,
                headline(report), durationMs, Optional.of(report), Optional.empty(), exitCode);
    }

    private static String headline(Object report) {
        if (report instanceof CheckReport check) {
            String summary = check.summary();
            return summary.startsWith(check.title() + ": ") ? summary.substring(check.title().length() + 2) : summary;
        }
        return Headlines.of(report);
    }
}
