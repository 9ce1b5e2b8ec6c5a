package dev.idxmig.cli;

import dev.idxmig.base.Failure;
import dev.idxmig.base.Interruption;
import dev.idxmig.config.Environment;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The {@code idxmig} executable. */
public final class Main {
    /** Held here: java.util.logging keeps loggers weakly, and a collected one forgets its level. */
    private static final java.util.logging.Logger DRIVER_LOG = java.util.logging.Logger.getLogger("org.postgresql");

    private Main() {
    }

    public static void main(String[] args) {
        quietLibraryLogging(java.util.Arrays.asList(args).contains("--verbose")
                || java.util.Arrays.asList(args).contains("-v"));
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        handleSignals(err);
        int code = Cli.run(args, Environment.current(), out, err, System.console() != null);
        System.exit(code);
    }

    /**
     * Ctrl-C and SIGTERM: while a migration, rollback or restore runs, the first signal asks it to stop after the
     * running statement (a statement that only waits for a lock is cancelled), to record where it stopped in the
     * intent log and to print what was applied and what not; it then exits 130. A second signal, or one while
     * nothing is being changed, exits 130 at once; the intent log is left to the next run.
     */
    static void handleSignals(PrintWriter err) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                    if (!Interruption.guarded() || Interruption.requested()) {
                        Runtime.getRuntime().halt(Failure.INTERRUPTED.exitCode());
                    }
                    err.println("idxmig: interrupted: stopping after the running statement "
                            + "(interrupt again to stop at once)");
                    err.flush();
                    Interruption.request();
                });
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // no such signal here (Windows has no TERM handler to replace): the JVM's default applies
            }
        }
    }

    /**
     * HikariCP logs through SLF4J, the PostgreSQL driver through java.util.logging: their warnings (a connection
     * "marked as broken" after a failed statement, with a Java stack trace) say nothing idxmig's own error message
     * does not say better, so they show only with --verbose, and on stderr, so stdout stays data only.
     */
    static void quietLibraryLogging(boolean verbose) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "warn" : "off");
        if (!verbose) {
            DRIVER_LOG.setLevel(java.util.logging.Level.OFF);
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "true");
    }
}
