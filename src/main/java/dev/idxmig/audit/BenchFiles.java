package dev.idxmig.audit;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.base.Json;
import dev.idxmig.bench.Baseline;
import dev.idxmig.bench.BenchRun;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the bench runs a file holds: one from {@code bench --save-baseline} (or {@code bench --format json}), two
 * (before and after) from {@code migrate --benchmark --format json}.
 */
public final class BenchFiles {
    private BenchFiles() {
    }

    public static List<AuditRequest.BenchFile> load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw IdxmigException.usage("bench file not found: " + file,
                    "save one with bench --save-baseline FILE, or migrate --benchmark --format json --output FILE");
        }
        JsonNode report;
        try {
            JsonNode json = Json.mapper().readTree(file.toFile());
            report = json.has("targets") && json.get("targets").size() == 1
                    ? json.get("targets").get(0).path("report") : json;
            if (report.has("before") && report.has("after")) {
                List<AuditRequest.BenchFile> runs = new ArrayList<>();
                for (String side : List.of("before", "after")) {
                    runs.add(new AuditRequest.BenchFile(file.toString(),
                            Json.mapper().treeToValue(report.get(side), BenchRun.class)));
                }
                return checked(file, runs);
            }
        } catch (JacksonException e) {
            throw IdxmigException.usage("cannot read bench file " + file + ": " + e.getOriginalMessage(),
                    "save it again with bench --save-baseline");
        }
        return checked(file, List.of(new AuditRequest.BenchFile(file.toString(), Baseline.load(file).run())));
    }

    /** Each run must say when it was measured: that is what tells a run before a build from one after it. */
    private static List<AuditRequest.BenchFile> checked(Path file, List<AuditRequest.BenchFile> runs) {
        for (AuditRequest.BenchFile f : runs) {
            try {
                java.time.Instant.parse(String.valueOf(f.run().measuredAt()));
            } catch (java.time.format.DateTimeParseException e) {
                throw IdxmigException.usage("bench file " + file + " has no readable measuredAt ('"
                        + f.run().measuredAt() + "')", "save it again with bench --save-baseline");
            }
        }
        return runs;
    }
}
