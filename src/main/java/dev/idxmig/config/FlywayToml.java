package dev.idxmig.config;

import dev.idxmig.base.IdxmigException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.toml.TomlMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway's TOML configuration (Flyway 10 and later): {@code flyway.toml}, with {@code flyway.user.toml} over it
 * as Flyway merges them. Connection settings live in {@code [environments.NAME]} ({@code url}, {@code user},
 * {@code password}, {@code schemas}); the rest in {@code [flyway]} ({@code locations}, {@code table},
 * {@code baselineVersion}, {@code baselineOnMigrate}, {@code defaultSchema}, {@code [flyway.placeholders]}),
 * which an environment can override in its own {@code [environments.NAME.flyway]}. The environment is the one
 * {@code --environment} names, else {@code environment} in {@code [flyway]}, else {@code default}.
 */
final class FlywayToml {
    static final String FILE_NAME = "flyway.toml";
    static final String USER_FILE_NAME = "flyway.user.toml";
    static final String DEFAULT_ENVIRONMENT = "default";
    /** Flyway's resolvers: {@code ${env.NAME}} reads an environment variable; the others need Flyway's plugins. */
    private static final Pattern RESOLVER = Pattern.compile("\\$\\{([A-Za-z0-9_-]+)\\.([^}]*)}");
    private static final List<String> ENVIRONMENT_KEYS = List.of("url", "user", "password");

    /**
     * @param environments the environments the files define, in file order
     * @param environment  the environment read, if any
     */
    record Read(FlywayValues values, List<String> files, List<String> environments, Optional<String> environment) {
    }

    private FlywayToml() {
    }

    /** Reads the project's TOML files; at least one of them exists. */
    static Read read(Environment env, Optional<String> chosen) {
        List<Path> files = new ArrayList<>();
        ObjectNode root = null;
        for (String name : List.of(FILE_NAME, USER_FILE_NAME)) {
            Path file = env.resolve(name);
            if (Files.exists(file)) {
                files.add(file);
                ObjectNode tree = parse(file);
                root = root == null ? tree : merge(root, tree);
            }
        }
        if (root == null) {
            throw new IllegalStateException("no " + FILE_NAME);
        }
        String where = files.stream().map(f -> f.getFileName().toString())
                .reduce((a, b) -> a + " and " + b).orElseThrow();

        JsonNode environments = root.path("environments");
        List<String> names = new ArrayList<>(environments.isObject() ? environments.propertyNames() : List.of());
        JsonNode flyway = root.path("flyway");
        Optional<String> named = chosen.or(() -> text(flyway.get("environment"), where + " [flyway] environment"));
        String name = named.orElse(DEFAULT_ENVIRONMENT);
        if (!names.contains(name)) {
            if (named.isPresent()) {
                throw IdxmigException.usage(String.format("environment '%s' is not in %s", name, where),
                        names.isEmpty() ? "it defines no [environments.NAME] table"
                                : "its environments: " + String.join(", ", names));
            }
            return new Read(flywaySection(flyway, where + " [flyway]"), names(files), names, Optional.empty());
        }

        JsonNode chosenEnv = environments.get(name);
        String section = where + " [environments." + name + "]";
        FlywayValues values = new FlywayValues();
        for (String key : ENVIRONMENT_KEYS) {
            text(chosenEnv.get(key), section + " " + key).map(v -> resolve(v, env, section + " " + key))
                    .ifPresent(v -> values.put(key, v));
        }
        if (chosenEnv.has("schemas")) {
            values.putList("schemas", strings(chosenEnv.get("schemas"), section + " schemas").stream()
                    .map(v -> resolve(v, env, section + " schemas")).toList());
        }
        FlywayValues merged = flywaySection(flyway, where + " [flyway]")
                .overlaidBy(values)
                .overlaidBy(flywaySection(chosenEnv.path("flyway"), section.replace("]", ".flyway]")));
        return new Read(merged, names(files), names, Optional.of(name));
    }

    private static List<String> names(List<Path> files) {
        return files.stream().map(Path::toString).toList();
    }

    private static FlywayValues flywaySection(JsonNode flyway, String where) {
        FlywayValues values = new FlywayValues();
        if (!flyway.isObject()) {
            return values;
        }
        for (String key : List.of("table", "baselineVersion", "baselineOnMigrate", "defaultSchema")) {
            text(flyway.get(key), where + " " + key).ifPresent(v -> values.put(key, v));
        }
        if (flyway.has("locations")) {
            values.putList("locations", strings(flyway.get("locations"), where + " locations"));
        }
        JsonNode placeholders = flyway.get("placeholders");
        if (placeholders != null) {
            if (!placeholders.isObject()) {
                throw IdxmigException.usage(where + " placeholders must be a table",
                        "write them as [flyway.placeholders] with one name = \"value\" per line");
            }
            for (Map.Entry<String, JsonNode> p : placeholders.properties()) {
                text(p.getValue(), where + " placeholders." + p.getKey())
                        .ifPresent(v -> values.putPlaceholder(p.getKey(), v));
            }
        }
        return values;
    }

    private static ObjectNode parse(Path file) {
        try {
            JsonNode tree = new TomlMapper().readTree(file.toFile());
            return tree instanceof ObjectNode object ? object : new TomlMapper().createObjectNode();
        } catch (JacksonException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            // The parser's own message can quote the text it choked on, and that text can be a password.
            throw IdxmigException.usage(String.format("%s line %d: not valid TOML (%s)", file, line,
                            withoutQuotedText(e.getOriginalMessage())),
                    "fix the TOML syntax of " + file.getFileName() + "; see https://toml.io");
        }
    }

    /** Later files win key by key; tables merge, everything else is replaced. */
    private static ObjectNode merge(ObjectNode base, ObjectNode over) {
        ObjectNode merged = base.deepCopy();
        for (Map.Entry<String, JsonNode> e : over.properties()) {
            JsonNode existing = merged.get(e.getKey());
            if (existing instanceof ObjectNode table && e.getValue() instanceof ObjectNode overTable) {
                merged.set(e.getKey(), merge(table, overTable));
            } else {
                merged.set(e.getKey(), e.getValue());
            }
        }
        return merged;
    }

    private static Optional<String> text(JsonNode node, String what) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return Optional.empty();
        }
        if (!node.isValueNode()) {
            throw IdxmigException.usage(what + " must be a single value", "write it as key = \"value\"");
        }
        return Optional.of(node.asString());
    }

    private static List<String> strings(JsonNode node, String what) {
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : node.values()) {
                text(item, what).ifPresent(items::add);
            }
            return items;
        }
        return text(node, what).map(FlywayValues::splitCommas).orElse(List.of());
    }

    /** {@code ${env.NAME}} as Flyway's environment-variable resolver reads it; other resolvers are Flyway's own. */
    private static String resolve(String value, Environment env, String what) {
        Matcher m = RESOLVER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            if (!m.group(1).equals("env")) {
                throw IdxmigException.usage(what + " uses Flyway's '" + m.group(1) + "' resolver, which idxmig "
                                + "cannot run",
                        "use ${env.NAME}, or give idxmig the value itself (for a password: IDXMIG_PASSWORD or "
                                + "--password-env NAME)");
            }
            String variable = m.group(2);
            String resolved = env.get(variable).orElseThrow(() -> IdxmigException.usage(
                    what + " reads ${env." + variable + "}, but " + variable + " is not set",
                    "export " + variable + " before running idxmig"));
            m.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String withoutQuotedText(String message) {
        if (message == null) {
            return "syntax error";
        }
        return message.replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"");
    }
}
