package dev.idxmig.script;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** A migration version as Flyway orders it: parts split on {@code .} or {@code _}, compared numerically. */
public record Version(String text, List<BigInteger> parts) implements Comparable<Version> {

    public Version {
        parts = List.copyOf(parts);
    }

    public static Version parse(String text) {
        String normalized = text.replace('_', '.');
        List<BigInteger> parts = new ArrayList<>();
        for (String part : normalized.split("\\.")) {
            if (!part.matches("\\d+")) {
                throw new IllegalArgumentException("not a version: " + text);
            }
            parts.add(new BigInteger(part));
        }
        // Trailing zeros do not change a version: 1.0 == 1.
        while (parts.size() > 1 && parts.get(parts.size() - 1).signum() == 0) {
            parts.remove(parts.size() - 1);
        }
        return new Version(normalized, parts);
    }

    public static boolean isVersion(String text) {
        return text != null && text.matches("\\d+([._]\\d+)*");
    }

    @Override
    public int compareTo(Version other) {
        int n = Math.max(parts.size(), other.parts.size());
        for (int i = 0; i < n; i++) {
            BigInteger a = i < parts.size() ? parts.get(i) : BigInteger.ZERO;
            BigInteger b = i < other.parts.size() ? other.parts.get(i) : BigInteger.ZERO;
            int c = a.compareTo(b);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version && compareTo((Version) o) == 0;
    }

    @Override
    public int hashCode() {
        return parts.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
