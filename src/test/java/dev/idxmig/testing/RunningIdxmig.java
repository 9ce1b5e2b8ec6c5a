package dev.idxmig.testing;

import dev.idxmig.cli.Cli;
import dev.idxmig.config.Environment;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * idxmig running on a background thread, so a test can watch its stderr while it works (a blocker report, a
 * progress line) and act on it — release a lock — before the run ends.
 */
public final class RunningIdxmig {
    static {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CompletableFuture<Integer> exit;

    private RunningIdxmig(Path workDir, String[] args) {
        exit = CompletableFuture.supplyAsync(() -> Cli.run(args, new Environment(Map.of(), workDir),
                new PrintWriter(out, true), new PrintWriter(err, true), false));
    }

    /** Starts {@code idxmig args...} (the full command line, database flags included) in {@code workDir}. */
    public static RunningIdxmig start(Path workDir, String... args) {
        return new RunningIdxmig(workDir, args);
    }

    public String stderr() {
        return err.toString();
    }

    /** Polls stderr until it satisfies {@code condition}; fails the test at the deadline or if the run ended first. */
    public String awaitStderr(Predicate<String> condition, Duration deadline, String what) {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            String text = err.toString();
            if (condition.test(text)) {
                return text;
            }
            if (exit.isDone()) {
                fail("idxmig ended before its output showed " + what + ":\n" + result(Duration.ZERO));
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        fail("no " + what + " within " + deadline + " in:\n" + err);
        return "";
    }

    /** Waits for the run to end. */
    public CliResult result(Duration deadline) {
        try {
            int code = exit.get(Math.max(1, deadline.toMillis()), TimeUnit.MILLISECONDS);
            return new CliResult(code, out.toString(), err.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            fail("idxmig still running after " + deadline + ":\n" + err);
            return null;
        }
    }
}
