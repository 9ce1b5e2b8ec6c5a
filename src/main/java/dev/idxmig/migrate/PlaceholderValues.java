package dev.idxmig.migrate;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.script.MigrationScript;
import dev.idxmig.script.Placeholders;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every placeholder the scripts about to run use has a value: checked before the backup and the first migration.
 * Flyway finds a missing value only when it reaches the script that uses it, with the migrations before it applied.
 */
public final class PlaceholderValues {
    private PlaceholderValues() {
    }

    /** Before connecting to a target that does not exist yet: every script will run, and only names matter. */
    public static void require(List<MigrationScript> scripts, Map<String, String> project) {
        require(scripts, Placeholders.of(project, "", "", "", ""));
    }

    static void require(List<MigrationScript> scripts, Placeholders placeholders) {
        for (MigrationScript script : scripts) {
            List<Placeholders.Use> undefined;
            try {
                undefined = placeholders.undefinedIn(Files.readString(script.path()));
            } catch (IOException e) {
                throw IdxmigException.usage("cannot read " + script.path() + ": " + e.getMessage(),
                        "check the file's permissions");
            }
            if (!undefined.isEmpty()) {
                Placeholders.Use first = undefined.get(0);
                String names = undefined.stream().map(u -> "${" + u.name() + "}").collect(Collectors.joining(", "));
                throw IdxmigException.usage(script.fileName() + " line " + first.line() + " uses " + names
                        + (undefined.size() == 1 ? ", which has" : ", which have") + " no value; nothing was migrated",
                        "give " + (undefined.size() == 1 ? "it a value" : "each a value") + ": -D" + first.name()
                                + "=VALUE on the command line, or placeholders: {" + first.name()
                                + ": VALUE} in idxmig.yaml");
            }
        }
    }
}
