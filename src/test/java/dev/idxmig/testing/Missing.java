package dev.idxmig.testing;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The one rule for something a test needs that this machine lacks (a server, a standby, an extension, the
 * real-world corpora): the test is skipped, and the reason printed once per run, on one line; under
 * {@code CI=true}, where {@code .ci/run} provides everything, the test fails instead.
 */
public final class Missing {
    private static final Set<String> TOLD = new HashSet<>();

    private Missing() {
    }

    /** Whether this run is CI's ({@code CI=true}), where nothing a test needs may be missing. */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Stops the test: fails it under {@code CI=true}, else skips it, saying {@code line} once per run. */
    public static <T> T skipOrFail(String line) {
        if (inCi()) {
            fail("CI=true but " + line);
        }
        return skip(line);
    }

    /** Skips the test, saying {@code line} once per run, whatever the environment. */
    public static <T> T skip(String line) {
        synchronized (TOLD) {
            if (TOLD.add(line)) {
                System.err.println(line);
            }
        }
        abort(line);
        return null;
    }
}
