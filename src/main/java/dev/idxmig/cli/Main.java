package dev.idxmig.cli;

import dev.idxmig.config.Environment;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The {@code idxmig} executable. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        quietLibraryLogging();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = Cli.run(args, Environment.current(), out, err, System.console() != null);
        System.exit(code);
    }

    /** HikariCP logs through SLF4J: only its warnings, on stderr, so stdout stays data only. */
    static void quietLibraryLogging() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.levelInBrackets", "true");
    }
}
