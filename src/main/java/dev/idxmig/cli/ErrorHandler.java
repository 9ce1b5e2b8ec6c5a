package dev.idxmig.cli;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.db.SqlFailures;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Turns any exception a command throws into a message, a hint and a documented exit code. A stack trace only
 * with {@code --stacktrace}: operators need what failed and what to do, not Java internals.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    private final Console console;
    private final RootCommand root;

    ErrorHandler(Console console, RootCommand root) {
        this.console = console;
        this.root = root;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        if (ex instanceof IdxmigException) {
            IdxmigException e = (IdxmigException) ex;
            console.error(e.getMessage());
            e.hint().ifPresent(console::hint);
            printTrace(ex);
            return e.failure().exitCode();
        }
        if (SqlFailures.isConnectionFailure(ex)) {
            console.error("lost the connection to the database: " + ex.getMessage());
            console.hint("check that the server is up and reachable, then run the command again");
            printTrace(ex);
            return ExitCodes.CONNECTION;
        }
        java.util.Optional<String> flyway = dev.idxmig.migrate.FlywayText.ofFlywayFailure(ex);
        if (flyway.isPresent()) {
            // Flyway's own words without its advice for its own command line (-X, "run repair")
            console.error("Flyway: " + flyway.get());
            console.hint("run again with --stacktrace for details; 'idxmig status' shows the history");
            printTrace(ex);
            return ExitCodes.OPERATION;
        }
        console.error("internal error: " + ex);
        if (!root.stacktrace()) {
            console.hint("this is a bug in idxmig; run again with --stacktrace and report the output");
        }
        printTrace(ex);
        return ExitCodes.INTERNAL;
    }

    private void printTrace(Exception ex) {
        if (root.stacktrace()) {
            StringWriter trace = new StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            console.raw(trace.toString());
        }
    }
}
