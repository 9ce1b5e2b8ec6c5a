package dev.idxmig.config;

import dev.idxmig.base.IdxmigException;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway's legacy configuration: a {@code flyway.conf} of Java properties ({@code flyway.url=...}), and the
 * {@code FLYWAY_*} environment variables that name the same settings.
 */
final class FlywayConf {
    static final String FILE_NAME = "flyway.conf";
    /** {@code ${NAME}} in a conf file is that environment variable, as Flyway expands it (unset: empty). */
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");
    private static final Map<String, String> VARIABLES = Map.of(
            "FLYWAY_URL", "flyway.url",
            "FLYWAY_USER", "flyway.user",
            "FLYWAY_PASSWORD", "flyway.password",
            "FLYWAY_SCHEMAS", "flyway.schemas",
            "FLYWAY_LOCATIONS", "flyway.locations",
            "FLYWAY_TABLE", "flyway.table",
            "FLYWAY_BASELINE_VERSION", "flyway.baselineVersion",
            "FLYWAY_BASELINE_ON_MIGRATE", "flyway.baselineOnMigrate",
            "FLYWAY_DEFAULT_SCHEMA", "flyway.defaultSchema");
    private static final String PLACEHOLDER_VARIABLE = "FLYWAY_PLACEHOLDERS_";

    private FlywayConf() {
    }

    static FlywayValues read(Path file, Environment env) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw IdxmigException.usage("cannot read " + file + ": " + e.getClass().getSimpleName(),
                    "check that the file is readable by this user");
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(expand(text, env)));
        } catch (IOException | IllegalArgumentException e) {
            // Properties names no line; its message is about an escape, never a value worth hiding
            throw IdxmigException.usage(file + ": cannot read it as Java properties (" + e.getMessage() + ")",
                    "write one flyway.key=value per line");
        }
        FlywayValues values = new FlywayValues();
        properties.stringPropertyNames().stream().sorted()
                .forEach(key -> values.putProperty(key, properties.getProperty(key).trim()));
        return values;
    }

    /**
     * The {@code FLYWAY_*} variables idxmig reads. {@code FLYWAY_PLACEHOLDERS_NAME} sets placeholder {@code name}:
     * Flyway lower-cases the name, and so does idxmig.
     */
    static FlywayValues fromEnvironment(Environment env) {
        FlywayValues values = new FlywayValues();
        env.variables().keySet().stream().sorted().forEach(name -> {
            String value = env.get(name).orElse(null);
            if (value == null) {
                return;
            }
            if (VARIABLES.containsKey(name)) {
                values.putProperty(VARIABLES.get(name), value);
            } else if (name.startsWith(PLACEHOLDER_VARIABLE) && name.length() > PLACEHOLDER_VARIABLE.length()) {
                values.putPlaceholder(name.substring(PLACEHOLDER_VARIABLE.length()).toLowerCase(Locale.ENGLISH), value);
            }
        });
        return values;
    }

    private static String expand(String text, Environment env) {
        Matcher m = ENV_REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(env.get(m.group(1)).orElse("")));
        }
        m.appendTail(out);
        return out.toString();
    }
}
