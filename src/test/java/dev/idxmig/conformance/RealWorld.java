package dev.idxmig.conformance;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Third-party schemas and migrations in {@code ../shared/realworld/} beside the clone, read in place (never copied
 * into the repository). Where the folder is absent the test is skipped with one line, except under
 * {@code CI=true}, where CI lays {@code ../shared} beside the clone and its absence fails the test.
 */
final class RealWorld {
    static final Path ROOT = Path.of("..", "shared", "realworld").toAbsolutePath().normalize();

    private RealWorld() {
    }

    /** The corpus folder {@code name} (e.g. {@code mattermost}), or the test stops with one line. */
    static Path corpus(String name) {
        Path dir = ROOT.resolve(name);
        if (Files.isDirectory(dir)) {
            return dir;
        }
        String why = "real-world conformance skipped: " + dir + " is absent (CI lays ../shared beside the clone)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("CI=true but " + why);
        }
        System.err.println(why);
        abort(why);
        return dir;
    }
}
