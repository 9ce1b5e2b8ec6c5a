package dev.idxmig.conformance;

import dev.idxmig.testing.CliResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the generated-index properties share: a scratch project per try, and how they read the CLI's answers. */
final class FormProject {
    private FormProject() {
    }

    /** A fresh folder with an empty {@code migrations/} (jqwik properties have no {@code @TempDir}). */
    static Path create() throws IOException {
        Path work = Files.createTempDirectory("idxmig-forms");
        Files.createDirectories(work.resolve("migrations"));
        return work;
    }

    static void assertOk(CliResult r) {
        assertEquals(0, r.exitCode(), r::toString);
    }

    /** {@code s} as it stands inside a JSON string, to find a name with quotes or newlines in a JSON report. */
    static String jsonString(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
