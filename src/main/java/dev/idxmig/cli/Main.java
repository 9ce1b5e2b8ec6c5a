package dev.idxmig.cli;

import dev.idxmig.base.Failure;
import dev.idxmig.base.Interruption;
import dev.idxmig.config.Environment;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The {@code idxmig} executable. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        LibraryLogging.quiet(); // --verbose, once parsed, lets their warnings through (RootCommand)
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
}
