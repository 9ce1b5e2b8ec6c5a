package dev.idxmig.config;

import dev.idxmig.base.IdxmigException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The settings idxmig takes from a Flyway project, under Flyway's own names ({@code url}, {@code user},
 * {@code password}, {@code schemas}, {@code locations}, {@code table}, {@code baselineVersion},
 * {@code baselineOnMigrate}, {@code defaultSchema}, placeholders), gathered from one source. A later source
 * overlays an earlier one setting by setting, as Flyway layers its files and its {@code FLYWAY_*} variables.
 * Values are kept as written; {@link FlywayProject} reads them.
 */
final class FlywayValues {
    static final List<String> SCALARS = List.of("url", "user", "password", "table", "baselineVersion",
            "baselineOnMigrate", "defaultSchema");
    static final List<String> LISTS = List.of("schemas", "locations");

    private final Map<String, String> scalars = new LinkedHashMap<>();
    private final Map<String, List<String>> lists = new LinkedHashMap<>();
    private final Map<String, String> placeholders = new LinkedHashMap<>();

    void put(String key, String value) {
        if (!SCALARS.contains(key)) {
            throw new IllegalArgumentException(key);
        }
        scalars.put(key, value);
    }

    void putList(String key, List<String> values) {
        if (!LISTS.contains(key)) {
            throw new IllegalArgumentException(key);
        }
        lists.put(key, List.copyOf(values));
    }

    void putPlaceholder(String name, String value) {
        placeholders.put(name, value);
    }

    /**
     * Reads the {@code flyway.*} keys idxmig uses from a flyway.conf (or the same keys made from
     * {@code FLYWAY_*} variables); other keys are Flyway's business and left alone.
     */
    void putProperty(String key, String value) {
        if (!key.startsWith("flyway.")) {
            return;
        }
        String name = key.substring("flyway.".length());
        if (name.startsWith("placeholders.") && name.length() > "placeholders.".length()) {
            putPlaceholder(name.substring("placeholders.".length()), value);
        } else if (SCALARS.contains(name)) {
            put(name, value);
        } else if (LISTS.contains(name)) {
            putList(name, splitCommas(value));
        }
    }

    /** Where Flyway takes a list from one string ({@code flyway.schemas=a,b}, {@code FLYWAY_LOCATIONS}). */
    static List<String> splitCommas(String value) {
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return items;
    }

    /** This source's settings with {@code over}'s on top, setting by setting; placeholders name by name. */
    FlywayValues overlaidBy(FlywayValues over) {
        FlywayValues merged = new FlywayValues();
        merged.scalars.putAll(scalars);
        merged.scalars.putAll(over.scalars);
        merged.lists.putAll(lists);
        merged.lists.putAll(over.lists);
        merged.placeholders.putAll(placeholders);
        merged.placeholders.putAll(over.placeholders);
        return merged;
    }

    boolean isEmpty() {
        return scalars.isEmpty() && lists.isEmpty() && placeholders.isEmpty();
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(scalars.get(key)).filter(v -> !v.isBlank());
    }

    List<String> list(String key) {
        return lists.getOrDefault(key, List.of());
    }

    Map<String, String> placeholders() {
        return Map.copyOf(placeholders);
    }

    /** Flyway takes exactly {@code true} or {@code false} (any case) and fails on anything else; so does idxmig. */
    Optional<Boolean> bool(String key, String source) {
        return get(key).map(v -> {
            String lower = v.trim().toLowerCase(Locale.ROOT);
            if (!lower.equals("true") && !lower.equals("false")) {
                throw IdxmigException.usage(source + ": " + key + " must be true or false, not '" + v + "'",
                        "write " + key + " = true or " + key + " = false");
            }
            return Boolean.parseBoolean(lower);
        });
    }

    /** Names only: values may hold a password. */
    @Override
    public String toString() {
        return "FlywayValues" + scalars.keySet() + lists.keySet() + placeholders.keySet();
    }
}
