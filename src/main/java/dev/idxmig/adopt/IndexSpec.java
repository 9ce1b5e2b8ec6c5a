package dev.idxmig.adopt;

import dev.idxmig.base.IdxmigException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The index {@code new --index} fills in: {@code orders (customer_id, placed_at DESC) WHERE status = 'open'}, read
 * just far enough to name it and write its statement; the database checks the rest when the migration runs.
 */
record IndexSpec(String table, String columns, Optional<String> where, List<String> keyColumns) {
    private static final Pattern FORM = Pattern.compile("(?s)\\s*([A-Za-z_][\\w.]*)\\s*\\((.+?)\\)\\s*"
            + "(?:(?i:WHERE)\\s+(.+?))?\\s*;?\\s*");

    static IndexSpec parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw IdxmigException.usage("--index '" + text + "' is not of the form TABLE (COLUMNS) [WHERE ...]",
                    "for example --index \"orders (customer_id, placed_at DESC) WHERE status = 'open'\"");
        }
        List<String> keys = new ArrayList<>();
        for (String part : m.group(2).split(",")) {
            String word = part.strip().split("\\s+")[0].replaceAll("[^A-Za-z0-9_]", "");
            if (!word.isEmpty()) {
                keys.add(word.toLowerCase(Locale.ROOT));
            }
        }
        if (keys.isEmpty()) {
            throw IdxmigException.usage("--index '" + text + "' names no column", "list the columns in parentheses");
        }
        return new IndexSpec(m.group(1), m.group(2).strip(), Optional.ofNullable(m.group(3)).map(String::strip),
                List.copyOf(keys));
    }

    /** idx_TABLE_COL1_COL2, within PostgreSQL's 63 characters. */
    String name() {
        String bare = table.contains(".") ? table.substring(table.lastIndexOf('.') + 1) : table;
        String name = ("idx_" + bare + "_" + String.join("_", keyColumns)).toLowerCase(Locale.ROOT);
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    String definitionTail() {
        return table + " (" + columns + ")" + where.map(w -> " WHERE " + w).orElse("");
    }
}
