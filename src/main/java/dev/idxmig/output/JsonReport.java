package dev.idxmig.output;

import dev.idxmig.base.Json;

import java.io.PrintWriter;

/**
 * Any result record as JSON, in {@link Json}'s mapping. That mapping is the documented, stable shape of every
 * {@code --format json} report.
 */
public final class JsonReport {
    private JsonReport() {
    }

    public static void write(Object report, PrintWriter out) {
        out.println(Json.mapper().writeValueAsString(report));
    }
}
