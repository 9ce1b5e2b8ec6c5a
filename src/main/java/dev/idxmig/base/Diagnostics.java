package dev.idxmig.base;

/**
 * Where services tell people what is happening. Always stderr, never mixed with the data on stdout, so
 * {@code --format json | jq} keeps working. Implementations mask secrets.
 */
public interface Diagnostics {

    /** Progress and results worth a line; hidden by {@code --quiet}. */
    void info(String message);

    /** Something an operator should look at; shown even with {@code --quiet}. */
    void warn(String message);

    /** Details for {@code --verbose}. */
    void detail(String message);

    /** Whether stderr is a terminal, where progress may redraw in place. */
    default boolean terminal() {
        return false;
    }

    /**
     * A progress display that redraws in place on a terminal: {@code line} replaces what the last call drew;
     * {@code done} ends it (keeps the last drawing, moves to a new line; {@code line} is ignored). Hidden by {@code --quiet}; off a
     * terminal callers print plain {@link #info} lines instead.
     */
    default void redraw(String line, boolean done) {
    }

    static Diagnostics silent() {
        return new Diagnostics() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
            }

            @Override
            public void detail(String message) {
            }
        };
    }
}
