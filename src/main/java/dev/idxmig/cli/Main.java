package dev.idxmig.cli;

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
        int code = Cli.run(args, Environment.current(), out, err, System.console() != null);
        System.exit(code);
    }
}
