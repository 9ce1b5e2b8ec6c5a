package dev.idxmig.config;

/** A password. Its {@code toString} never shows it, so it cannot leak through logging or string concatenation. */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The password itself: only for handing to a driver or a child process' environment. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return SecretMasker.MASK;
    }
}
