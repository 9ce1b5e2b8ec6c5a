package dev.idxmig.migrate;

import dev.idxmig.script.IndexStatement;
import dev.idxmig.script.SqlStatement;

import java.util.List;

/** A pending migration as {@code migrate --dry-run} shows it: the statements it would run, in order. */
public record PlannedMigration(String version, String description, String script, List<SqlStatement> statements) {
    public PlannedMigration {
        statements = List.copyOf(statements);
    }

    /** Whether any statement creates, drops or rebuilds an index, as idxmig reads the script. */
    public boolean changesIndexes() {
        return statements.stream().anyMatch(s -> IndexStatement.parse(s.sql()).isPresent());
    }
}
