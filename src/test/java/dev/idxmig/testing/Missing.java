package dev.idxmig.testing;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The one rule for something a test needs that this machine lacks (a server, a standby, an extension, the
 * real-world corpora): the test is skipped, and the reason printed once per run, on one line; under
 * {@code CI=true}, where {@code .ci/run} provides everything, the test fails instead, unless the CI declares the
 * piece absent in {@code IDXMIG_TEST_WITHOUT} (comma-separated: {@code postgresql}, {@code standby},
 * {@code hypopg}, {@code pg_stat_statements}, {@code mariadb}, {@code mariadb-performance-schema},
 * {@code realworld}, {@code jq}), as a hosted workflow that cannot run a standby does. {@code .ci/run} declares
 * nothing absent.
 */
public final class Missing {
    private static final Set<String> TOLD = new HashSet<>();

    private Missing() {
    }

    /** Whether this run is CI's ({@code CI=true}), where nothing a test needs may be missing. */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Whether a missing {@code piece} fails the test here: under {@code CI=true}, unless declared absent. */
    public static boolean mustHave(String piece) {
        String without = System.getenv().getOrDefault("IDXMIG_TEST_WITHOUT", "");
        return inCi() && java.util.Arrays.stream(without.split(",")).map(String::trim).noneMatch(piece::equals);
    }

    /**
     * Stops the test for want of {@code piece}: fails it where the piece is a must ({@link #mustHave}), else skips
     * it, saying {@code line} once per run.
     */
    public static <T> T skipOrFail(String piece, String line) {
        if (mustHave(piece)) {
            fail("CI=true but " + line + " (declare it absent in IDXMIG_TEST_WITHOUT=" + piece
                    + " where this CI cannot provide it)");
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
