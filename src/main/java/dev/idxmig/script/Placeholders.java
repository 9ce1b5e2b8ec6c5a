package dev.idxmig.script;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flyway's placeholder replacement, done the one way for every reader of migration text (dry run, lint, rollback,
 * the checksum's input stays the raw file): the project's own {@code ${name}} values, and Flyway's built-in
 * {@code ${flyway:defaultSchema}}, {@code ${flyway:user}}, {@code ${flyway:database}}, {@code ${flyway:table}},
 * {@code ${flyway:filename}}, {@code ${flyway:workingDirectory}} and {@code ${flyway:timestamp}}, so idxmig reads the
 * SQL Flyway runs. A placeholder with no value stays as written (Flyway stops on it when it runs).
 */
public final class Placeholders {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Map<String, String> values;

    private Placeholders(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * @param project       the project's placeholders (idxmig.yaml, {@code -D name=value})
     * @param defaultSchema the schema Flyway works in
     * @param user          the connection's user, empty when none is set
     * @param database      the database's name ({@code main} on SQLite)
     * @param table         Flyway's history table
     */
    public static Placeholders of(Map<String, String> project, String defaultSchema, String user, String database,
                                  String table) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("flyway:defaultSchema", defaultSchema);
        all.put("flyway:user", user);
        all.put("flyway:database", database);
        all.put("flyway:table", table);
        all.put("flyway:workingDirectory", System.getProperty("user.dir"));
        all.put("flyway:timestamp", LocalDateTime.now().format(TIMESTAMP));
        all.putAll(project);
        return new Placeholders(all);
    }

    /**
     * The placeholders a script uses that have no value, each with the line it is first used on, in the order they
     * appear: Flyway stops on the first of them only when it reaches that script, after the ones before it ran.
     */
    public List<Use> undefinedIn(String text) {
        Map<String, Use> undefined = new LinkedHashMap<>();
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            } else if (c == '$' && text.startsWith("{", i + 1)) {
                int end = text.indexOf('}', i + 2);
                int newline = text.indexOf('\n', i);
                if (end > 0 && (newline < 0 || end < newline)) {
                    String name = text.substring(i + 2, end);
                    if (!name.equals("flyway:filename") && !values.containsKey(name)) {
                        undefined.putIfAbsent(name, new Use(name, line));
                    }
                    i = end;
                }
            }
        }
        return List.copyOf(undefined.values());
    }

    /** A placeholder a script uses, and the line it is first used on. */
    public record Use(String name, int line) {
    }

    /** The text of a script as Flyway runs it. */
    public String apply(String text, Path script) {
        String result = text.replace("${flyway:filename}", script.getFileName().toString());
        for (Map.Entry<String, String> p : values.entrySet()) {
            result = result.replace("${" + p.getKey() + "}", p.getValue());
        }
        return result;
    }
}
