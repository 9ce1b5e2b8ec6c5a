package dev.idxmig.cli;

import dev.idxmig.config.SecretMasker;
import dev.idxmig.report.Diagnostics;

import java.io.PrintWriter;

/**
 * The one place idxmig prints: data to {@link #out()}, everything for people to stderr, always masked.
 * Colors only on a terminal, never with {@code --no-color} or {@code NO_COLOR}.
 */
public final class Console implements Diagnostics {
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RESET = "\u001b[0m";

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;
    private boolean verbose;
    private boolean quiet;
    private boolean color;
    private SecretMasker masker = SecretMasker.none();

    public Console(PrintWriter out, PrintWriter err, boolean terminal, boolean colorAllowed) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.color = terminal && colorAllowed;
    }

    void configure(boolean verbose, boolean quiet, boolean noColor) {
        this.verbose = verbose;
        this.quiet = quiet && !verbose;
        this.color = color && !noColor;
    }

    void useMasker(SecretMasker masker) {
        this.masker = masker;
    }

    SecretMasker masker() {
        return masker;
    }

    public PrintWriter out() {
        return out;
    }

    @Override
    public boolean terminal() {
        return terminal;
    }

    public boolean quiet() {
        return quiet;
    }

    public boolean verbose() {
        return verbose;
    }

    @Override
    public void info(String message) {
        if (!quiet) {
            err.println(masker.mask(message));
            err.flush();
        }
    }

    @Override
    public void redraw(String line, boolean done) {
        if (!quiet && terminal) {
            // \r back to the start of the line, \e[K clears what a longer previous drawing left; done keeps the
            // last drawing and moves on to a new line.
            err.print(done ? System.lineSeparator() : "\r" + masker.mask(line) + "\u001b[K");
            err.flush();
        }
    }

    @Override
    public void warn(String message) {
        err.println(paint(YELLOW, "warning: ") + masker.mask(message));
        err.flush();
    }

    @Override
    public void detail(String message) {
        if (verbose) {
            err.println(masker.mask(message));
            err.flush();
        }
    }

    void error(String message) {
        err.println(paint(RED, "error: ") + masker.mask(message));
        err.flush();
    }

    void hint(String message) {
        err.println("hint: " + masker.mask(message));
        err.flush();
    }

    void raw(String text) {
        err.print(masker.mask(text));
        err.flush();
    }

    private String paint(String code, String text) {
        return color ? code + text + RESET : text;
    }
}
