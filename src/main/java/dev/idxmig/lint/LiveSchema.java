package dev.idxmig.lint;

import dev.idxmig.script.IndexDefinition;
import dev.idxmig.db.Database;
import dev.idxmig.script.Version;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What lint learned from the target database when it connected: which versions Flyway applied, the indexes
 * that exist (read back into {@link IndexDefinition}s from their catalog definitions) and the tables' columns.
 */
record LiveSchema(Database database, Set<Version> applied, List<IndexDefinition> indexes,
                  Map<String, Map<String, String>> tables) {

    LiveSchema {
        applied = Set.copyOf(applied);
        indexes = List.copyOf(indexes);
        tables = Map.copyOf(tables);
    }
}
