package dev.idxmig.testing;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The documented JSON Schemas of idxmig's reports, docs/schema/*.schema.json, read from the repository (never from
 * the network: their {@code $id}s are under {@value #BASE}), and a check of a command's JSON against its schema.
 */
public final class ReportSchemas {
    public static final String BASE = "https://idxmig.dev/schema/v1/";
    private static final Path FOLDER = Path.of("docs/schema").toAbsolutePath();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, b -> b.schemas(iri -> iri.startsWith(BASE)
                    ? read(FOLDER.resolve(iri.substring(BASE.length()))) : null));

    private ReportSchemas() {
    }

    /** The schema file of a command: {@code verify}, {@code backup list} ({@code backup-list.schema.json}). */
    public static Path file(String command) {
        return FOLDER.resolve(command.replace(' ', '-') + ".schema.json");
    }

    /** Fails with every violation listed when {@code json} (a command's stdout) does not match its schema. */
    public static void assertValid(String command, String json) {
        Schema schema = REGISTRY.getSchema(SchemaLocation.of(BASE + file(command).getFileName()));
        List<Error> errors = schema.validate(json, InputFormat.JSON);
        if (!errors.isEmpty()) {
            StringBuilder message = new StringBuilder(command + " --format json does not match "
                    + file(command).getFileName() + ":");
            errors.forEach(e -> message.append("\n  ").append(e.getInstanceLocation()).append(": ")
                    .append(e.getMessage()));
            throw new AssertionError(message.append("\n").append(json.length() > 4000 ? json.substring(0, 4000)
                    + "..." : json).toString());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
