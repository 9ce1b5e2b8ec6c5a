package dev.idxmig.report;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintWriter;

/**
 * Any result record as JSON. Field names are the record components' names; Optional values are the value or
 * {@code null}. That mapping is the documented, stable shape of every {@code --format json} report.
 */
public final class JsonReport {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private JsonReport() {
    }

    public static void write(Object report, PrintWriter out) {
        out.println(MAPPER.writeValueAsString(report));
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }
}
