package dev.idxmig.conformance;

import dev.idxmig.testing.Missing;

import java.nio.file.Files;
import java.nio.file.Path;

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
        return Missing.skipOrFail("realworld", why);
    }
}
