package dev.idxmig.config;

import dev.idxmig.base.IdxmigException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML mapping of a configuration file, read with SnakeYAML Engine's node API: keys checked against the known
 * ones, scalars taken as their text, every problem reported with the file and the line. Every command reads
 * idxmig.yaml before anything else, and a data-binding mapper costs more to start than the rest of a
 * {@code status} (bench/README.md); this reads the few keys of a configuration file for a fraction of that.
 */
final class YamlMap {
    private final Path file;
    private final Map<String, NodeTuple> entries;

    private YamlMap(Path file, Map<String, NodeTuple> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** The file's top-level mapping; an empty file is an empty mapping. */
    static YamlMap read(Path file) {
        Optional<Node> root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Compose(LoadSettings.builder().setLabel(file.toString()).build()).composeReader(reader);
        } catch (MarkedYamlEngineException e) {
            throw syntax(file, e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0),
                    e.getProblem());
        } catch (YamlEngineException e) {
            throw syntax(file, 0, e.getMessage());
        } catch (IOException e) {
            throw IdxmigException.usage("cannot read " + file + ": " + e.getMessage(),
                    "check that the file is readable text");
        }
        if (root.isEmpty() || isNull(root.get())) {
            return new YamlMap(file, Map.of());
        }
        return of(file, root.get(), "the file");
    }

    private static YamlMap of(Path file, Node node, String what) {
        if (!(node instanceof MappingNode mapping)) {
            throw wrongType(file, node, what + " must be a mapping of keys to values");
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : String.valueOf(tuple.getKeyNode());
            if (entries.putIfAbsent(key, tuple) != null) {
                throw IdxmigException.usage(String.format("%s line %d: key '%s' appears twice", file,
                        line(tuple.getKeyNode()), key), "keep one of them");
            }
        }
        return new YamlMap(file, entries);
    }

    /** Refuses a key this mapping does not know, at the key's own line. */
    YamlMap onlyKeys(Collection<String> known, String hint) {
        entries.forEach((key, tuple) -> {
            if (!known.contains(key)) {
                throw IdxmigException.usage(String.format("%s line %d: unknown key '%s'", file,
                        line(tuple.getKeyNode()), key), hint);
            }
        });
        return this;
    }

    boolean has(String key) {
        return value(key).isPresent();
    }

    /** A scalar, as written (numbers and booleans too: {@code retries: 7} is "7"). */
    String text(String key) {
        return value(key).map(node -> scalar(key, node, "a single value")).orElse(null);
    }

    List<String> texts(String key) {
        return value(key).map(node -> {
            if (node instanceof ScalarNode) {
                return List.of(scalar(key, node, "a list"));
            }
            if (!(node instanceof SequenceNode seq)) {
                throw wrongType(node, key + " must be a list");
            }
            List<String> items = new ArrayList<>();
            seq.getValue().forEach(item -> items.add(scalar(key, item, "a list of single values")));
            return items;
        }).orElse(null);
    }

    Map<String, String> textMap(String key) {
        return value(key).map(node -> {
            Map<String, String> values = new LinkedHashMap<>();
            of(file, node, key).entries.forEach((k, tuple) ->
                    values.put(k, isNull(tuple.getValueNode()) ? "" : scalar(k, tuple.getValueNode(), "a single value")));
            return values;
        }).orElse(null);
    }

    Boolean bool(String key) {
        return value(key).map(node -> switch (scalar(key, node, "true or false").toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> Boolean.TRUE;
            case "false", "no", "off" -> Boolean.FALSE;
            default -> throw wrongType(node, key + " must be true or false");
        }).orElse(null);
    }

    Integer integer(String key) {
        return value(key).map(node -> {
            String text = scalar(key, node, "a whole number");
            try {
                return Integer.valueOf(text.trim());
            } catch (NumberFormatException e) {
                throw wrongType(node, key + " must be a whole number, not '" + text + "'");
            }
        }).orElse(null);
    }

    /** A nested mapping ({@code build:}, {@code lint:}) with only the known keys, or null when the key is absent. */
    YamlMap section(String key, Collection<String> known, String hint) {
        return value(key).map(node -> of(file, node, key).onlyKeys(known, hint)).orElse(null);
    }

    /** Whether the key's value is a nested mapping rather than a single value. */
    boolean isSection(String key) {
        return value(key).filter(MappingNode.class::isInstance).isPresent();
    }

    private Optional<Node> value(String key) {
        return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode).filter(n -> !isNull(n));
    }

    private String scalar(String key, Node node, String expected) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw wrongType(node, key + " must be " + expected);
    }

    private IdxmigException wrongType(Node node, String message) {
        return wrongType(file, node, message);
    }

    private static IdxmigException wrongType(Path file, Node node, String message) {
        return IdxmigException.usage(String.format("%s line %d: %s", file, line(node), message),
                "see the configuration keys in README.md");
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private static int line(Node node) {
        return node.getStartMark().map(Mark::getLine).map(l -> l + 1).orElse(0);
    }

    private static IdxmigException syntax(Path file, int line, String problem) {
        return IdxmigException.usage(String.format("%s line %d: %s", file, line, problem),
                "fix the YAML syntax of the config file");
    }
}
