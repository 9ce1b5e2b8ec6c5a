package dev.idxmig.db.mariadb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What MariaDB builds when an index names a whole column too wide for a key: an InnoDB key part is at most 3072
 * bytes, so a plain index keys a prefix MariaDB chooses (saying so only as a note) and a unique one becomes a hidden
 * hash. migrate warns before such a statement runs, in these words; a pure function of the columns' types.
 */
final class KeyPrefixes {
    /** InnoDB's largest key part (DYNAMIC and COMPRESSED rows, the default since 10.2). */
    static final long MAX_KEY_BYTES = 3072;
    private static final Set<String> LOB = Set.of("tinytext", "text", "mediumtext", "longtext", "tinyblob", "blob",
            "mediumblob", "longblob", "json");

    private KeyPrefixes() {
    }

    /**
     * A column the index names whole (no prefix written), as information_schema.COLUMNS describes it.
     *
     * @param maxBytes     CHARACTER_OCTET_LENGTH; empty for types that are not strings
     * @param bytesPerChar the most bytes a character of its character set takes (utf8mb4: 4; binary: 1)
     */
    record Column(String table, String name, String dataType, Optional<Long> maxBytes, long bytesPerChar) {
    }

    /** The warning for an index over these whole columns, if any of them is wider than a key. */
    static Optional<String> warning(String index, boolean unique, List<Column> columns) {
        List<String> wide = new ArrayList<>();
        for (Column c : columns) {
            keyedBy(c).ifPresent(prefix -> wide.add(c.table() + "." + c.name() + " (" + c.dataType()
                    .toUpperCase(Locale.ROOT) + c.maxBytes().filter(n -> !alwaysWider(c.dataType()))
                    .map(n -> "(" + n / Math.max(1, c.bytesPerChar()) + ")").orElse("")
                    + (unique ? ")" : "): its first " + prefix + " characters")));
        }
        if (wide.isEmpty()) {
            return Optional.empty();
        }
        String what = unique
                ? "MariaDB keeps UNIQUE index " + index + " as a hidden hash of " + String.join(", ", wide)
                + ", wider than a key (" + MAX_KEY_BYTES + " bytes): it serves equality only, no range, prefix or sort"
                : "MariaDB keys only a prefix in index " + index + ": " + String.join(", ", wide) + ", wider than a key ("
                + MAX_KEY_BYTES + " bytes); the index cannot sort by it or cover it";
        return Optional.of(what + ". Write the prefix you mean (col(100)), or index a narrower column");
    }

    /** The characters MariaDB keys of a column too wide for a key; empty when the whole column fits. */
    static Optional<Long> keyedBy(Column c) {
        long prefix = MAX_KEY_BYTES / Math.max(1, c.bytesPerChar());
        if (alwaysWider(c.dataType())) {
            return Optional.of(prefix);
        }
        return c.maxBytes().filter(b -> b > MAX_KEY_BYTES).map(b -> prefix);
    }

    /** Whether a column of this type is always wider than a key (TEXT, BLOB and JSON, of any size). */
    static boolean alwaysWider(String dataType) {
        return LOB.contains(dataType.toLowerCase(Locale.ROOT).replaceAll("\\(.*", "").strip());
    }

}
