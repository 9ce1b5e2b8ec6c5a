package dev.idxmig.base;

import java.util.Locale;
import java.util.OptionalLong;

/** Byte counts for people: {@code 8.0 kB}, {@code 2.1 MB}; {@code -} when unknown. */
public final class Sizes {
    private Sizes() {
    }

    public static String human(OptionalLong bytes) {
        return bytes.isPresent() ? human(bytes.getAsLong()) : "-";
    }

    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
