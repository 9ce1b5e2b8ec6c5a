package dev.idxmig.report;

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
