package dev.idxmig.checks;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.idxmig.base.IdxmigException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks file ({@code migrations/checks.yaml}): the queries the indexes were built for, with what their plans
 * must show ({@code plan-check}) and how fast they must run ({@code bench}). An unknown key or broken YAML is a
 * usage error naming the line: a misspelt expectation must never pass silently.
 */
public record ChecksFile(Path path, List<QueryCheck> checks) {

    public ChecksFile {
        checks = List.copyOf(checks);
    }

    /** The file's top level; only {@code checks:} is allowed. */
    record Document(@JsonProperty("checks") List<QueryCheck> checks) {
    }

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            // a flag left out means false (Jackson 3 otherwise refuses a missing boolean)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public static ChecksFile load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw IdxmigException.usage("checks file not found: " + file,
                    "write one (see docs/plan-check.md), set checks: in idxmig.yaml, or pass --checks FILE");
        }
        Document doc;
        try {
            doc = MAPPER.readValue(file.toFile(), Document.class);
        } catch (UnrecognizedPropertyException e) {
            throw IdxmigException.usage(String.format("%s line %d: unknown key '%s'", file,
                    keyLine(file, e.getPropertyName(), line(e)), e.getPropertyName()), "known keys: " + String.join(", ", knownKeys(e)));
        } catch (MismatchedInputException e) {
            throw IdxmigException.usage(String.format("%s line %d: %s", file, line(e), e.getOriginalMessage()),
                    "check the value's type against docs/plan-check.md");
        } catch (JacksonException e) {
            throw IdxmigException.usage(String.format("%s line %d: %s", file, line(e), e.getOriginalMessage()),
                    "fix the YAML syntax of the checks file");
        }
        if (doc == null || doc.checks() == null || doc.checks().isEmpty()) {
            throw IdxmigException.usage(file + ": no checks", "list the checks under a top-level 'checks:' key");
        }
        return new ChecksFile(file, validate(file, doc.checks()));
    }

    private static List<QueryCheck> validate(Path file, List<QueryCheck> checks) {
        Set<String> names = new HashSet<>();
        List<QueryCheck> result = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            QueryCheck c = checks.get(i);
            String where = file + ", check " + (i + 1);
            if (c == null) {
                throw IdxmigException.usage(where + ": empty entry", "give each check a name and sql");
            }
            if (c.name() == null || c.name().isBlank()) {
                throw IdxmigException.usage(where + ": no name", "give each check a unique name:");
            }
            where = file + ", check '" + c.name() + "'";
            if (!names.add(c.name())) {
                throw IdxmigException.usage(where + ": the name is used twice", "give each check a unique name");
            }
            if (c.sql() == null || c.sql().isBlank()) {
                throw IdxmigException.usage(where + ": no sql", "add the query under sql:");
            }
            result.add(c);
        }
        return result;
    }

    /** The checks with these names, in file order; an unknown name is a usage error. */
    public List<QueryCheck> select(List<String> names) {
        if (names.isEmpty()) {
            return checks;
        }
        for (String n : names) {
            if (checks.stream().noneMatch(c -> c.name().equals(n))) {
                throw IdxmigException.usage("no check named '" + n + "' in " + path,
                        "names in the file: " + String.join(", ", checks.stream().map(QueryCheck::name).toList()));
            }
        }
        return checks.stream().filter(c -> names.contains(c.name())).toList();
    }

    private static int line(JacksonException e) {
        return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    }

    /**
     * The line of the unknown key itself: the YAML parser reports where it stood after reading the key's value,
     * which may be a later line, so look back from there for the key.
     */
    private static int keyLine(Path file, String key, int reported) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = Math.min(reported, lines.size()); i >= 1; i--) {
                if (lines.get(i - 1).matches("\\s*(-\\s+)?" + java.util.regex.Pattern.quote(key) + "\\s*:.*")) {
                    return i;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return reported;
        }
        return reported;
    }

    private static List<String> knownKeys(UnrecognizedPropertyException e) {
        List<String> keys = new ArrayList<>();
        if (e.getKnownPropertyIds() != null) {
            e.getKnownPropertyIds().forEach(k -> keys.add(String.valueOf(k)));
        }
        keys.sort(null);
        return keys;
    }
}
