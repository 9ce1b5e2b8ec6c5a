package dev.idxmig.cli;

import dev.idxmig.config.SecretMasker;
import dev.idxmig.base.Diagnostics;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one place idxmig prints: data to {@link #out()}, everything for people to stderr, always masked.
 * Colors only on a terminal, never with {@code --no-color} or {@code NO_COLOR}. On a terminal a live region (the
 * fleet's progress board) can stay drawn below everything else: each printed line goes above it, and it is redrawn.
 */
public final class Console implements Diagnostics {
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RESET = "\u001b[0m";
    private static final String NO_WRAP = "\u001b[?7l";
    private static final String WRAP = "\u001b[?7h";

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;
    private boolean verbose;
    private boolean quiet;
    private boolean color;
    private SecretMasker masker = SecretMasker.none();
    /** What draws the live region, while one is shown; the number of lines it last drew. */
    private Supplier<List<String>> live;
    private int liveLines;

    private final long startNanos = System.nanoTime();

    /** Milliseconds since this run started (for the duration of a report). */
    long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

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
            line(masker.mask(message));
        }
    }

    @Override
    public synchronized void redraw(String line, boolean done) {
        if (!quiet && terminal) {
            // \r back to the start of the line, \e[K clears what a longer previous drawing left; done keeps the
            // last drawing and moves on to a new line.
            err.print(done ? System.lineSeparator() : "\r" + masker.mask(line) + "\u001b[K");
            err.flush();
        }
    }

    @Override
    public void warn(String message) {
        line(paint(YELLOW, "warning: ") + masker.mask(message));
    }

    @Override
    public void detail(String message) {
        if (verbose) {
            line(masker.mask(message));
        }
    }

    void error(String message) {
        line(paint(RED, "error: ") + masker.mask(message));
    }

    void hint(String message) {
        line("hint: " + masker.mask(message));
    }

    /** One line on stderr, above the live region if one is drawn. */
    private synchronized void line(String text) {
        above(() -> err.println(text));
    }

    /**
     * Shows a live region on a terminal (not with --quiet): the lines {@code source} gives, redrawn by
     * {@link #refreshLive()} and whenever something is printed. Off a terminal it does nothing.
     */
    synchronized void startLive(Supplier<List<String>> source) {
        if (terminal && !quiet) {
            live = source;
            drawLive();
        }
    }

    synchronized void refreshLive() {
        if (live != null) {
            eraseLive();
            drawLive();
        }
    }

    /** Erases the live region for good. */
    synchronized void endLive() {
        if (live != null) {
            eraseLive();
            live = null;
            err.flush();
        }
    }

    /**
     * Runs {@code print} (which writes to stdout or stderr) with the live region out of the way: erased first,
     * drawn again after, so lines and the region never mix.
     */
    synchronized void above(Runnable print) {
        if (live == null) {
            print.run();
            out.flush();
            err.flush();
            return;
        }
        eraseLive();
        err.flush();
        print.run();
        out.flush();
        drawLive();
    }

    private void eraseLive() {
        if (liveLines > 0) {
            // to the start of the region's first line, then clear to the end of the screen
            err.print("\u001b[" + liveLines + "F\u001b[J");
            liveLines = 0;
        }
    }

    private void drawLive() {
        List<String> lines = live.get();
        // Autowrap off while drawing: a line wider than the terminal is cut, not wrapped onto a second row that
        // the next erase (which counts lines) would leave behind.
        err.print(NO_WRAP);
        for (String l : lines) {
            err.print(masker.mask(l) + System.lineSeparator());
        }
        err.print(WRAP);
        liveLines = lines.size();
        err.flush();
    }

    /**
     * Asks a yes/no question on the terminal (stderr, answer from stdin); only {@code y} or {@code yes} is yes. End
     * of input is no.
     */
    boolean ask(String question) {
        synchronized (this) {
            above(() -> err.print(question));
            err.flush();
        }
        try {
            String answer = input().readLine();
            return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private java.io.BufferedReader input;

    private synchronized java.io.BufferedReader input() {
        if (input == null) {
            input = new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                    java.nio.charset.Charset.defaultCharset()));
        }
        return input;
    }

    synchronized void raw(String text) {
        above(() -> err.print(masker.mask(text)));
    }

    private String paint(String code, String text) {
        return color ? code + text + RESET : text;
    }
}
