package dev.idxmig.bench;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.base.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An earlier bench run saved as JSON ({@code --save-baseline}), to compare medians with ({@code --baseline}). A
 * {@code bench --format json} document works too: its one target's report's {@code run} is the same record.
 */
public record Baseline(Path file, BenchRun run) {

    public static Baseline load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw IdxmigException.usage("baseline not found: " + file, "save one first with bench --save-baseline");
        }
        try {
            JsonNode json = Json.mapper().readTree(file.toFile());
            if (json.has("targets") && json.get("targets").size() == 1) {
                json = json.get("targets").get(0).path("report"); // a bench --format json document
            }
            JsonNode run = json.has("run") ? json.get("run") : json;
            if (!run.has("queries")) {
                throw IdxmigException.usage(file + " is not a bench run", "save one with bench --save-baseline");
            }
            return new Baseline(file, Json.mapper().treeToValue(run, BenchRun.class));
        } catch (JacksonException e) {
            throw IdxmigException.usage("cannot read baseline " + file + ": " + e.getOriginalMessage(),
                    "save it again with bench --save-baseline");
        }
    }

    public static void save(Path file, BenchRun run) {
        try {
            Files.writeString(file, Json.mapper().writeValueAsString(run));
        } catch (IOException | JacksonException e) {
            throw IdxmigException.usage("cannot write baseline " + file + ": " + e.getMessage(),
                    "check that the folder exists and is writable");
        }
    }
}
