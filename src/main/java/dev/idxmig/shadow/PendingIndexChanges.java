package dev.idxmig.shadow;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;
import dev.idxmig.ledger.FlywayHistory;
import dev.idxmig.ledger.PendingMigrations;
import dev.idxmig.script.IndexStatement;
import dev.idxmig.script.MigrationLocations;
import dev.idxmig.script.MigrationScript;
import dev.idxmig.script.SqlStatement;
import dev.idxmig.script.StatementReader;
import dev.idxmig.script.StatementSplitter;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CREATE INDEX and DROP INDEX statements of the target's pending migrations, in the order migrate would run
 * them, read from the files (with Flyway's placeholders) and the target's history, which is only read. Only the
 * head of each statement is read (script/IndexStatement); the database parses the rest when it is made.
 */
final class PendingIndexChanges {
    private PendingIndexChanges() {
    }

    /** The pending scripts, as migrate would apply them now. */
    static List<MigrationScript> scripts(Database target, ProjectSettings settings) {
        MigrationLocations locations = MigrationLocations.of(settings, target.dialect().id());
        try (Connection c = target.connect()) {
            return PendingMigrations.of(locations.versioned(), new FlywayHistory(target).read(c), Optional.empty());
        } catch (SQLException e) {
            throw IdxmigException.operation("cannot read Flyway's history: " + target.masker().mask(e.getMessage()),
                    null, e);
        }
    }

    static List<PendingIndexChange> of(Database target, ProjectSettings settings) {
        List<PendingIndexChange> changes = new ArrayList<>();
        for (MigrationScript script : scripts(target, settings)) {
            String text;
            try {
                text = target.placeholders(settings.placeholders()).apply(Files.readString(script.path()),
                        script.path());
            } catch (IOException e) {
                throw IdxmigException.usage("cannot read " + script.path() + ": " + e.getMessage(),
                        "check the file's permissions");
            }
            for (SqlStatement statement : StatementSplitter.split(text)) {
                Optional<IndexStatement> parsed = IndexStatement.parse(statement.sql());
                if (parsed.isEmpty()) {
                    continue;
                }
                IndexStatement s = parsed.get();
                String where = script.fileName() + ":" + statement.line();
                if (s.kind() == IndexStatement.Kind.CREATE) {
                    String plain = "CREATE " + (s.unique() ? "UNIQUE " : "") + "INDEX "
                            + s.name().map(n -> quoteIfNeeded(n) + " ").orElse("") + "ON " + s.target() + " "
                            + s.rest();
                    changes.add(new PendingIndexChange(PendingIndexChange.Kind.CREATE, s.name(), s.ifNotExists(),
                            plain, statement.sql(), where));
                } else if (s.kind() == IndexStatement.Kind.DROP) {
                    // DROP INDEX a, b drops each: one change per index, each droppable on its own in a copy
                    List<String> names = StatementReader.read(statement).indexNames();
                    if (names.size() <= 1) {
                        changes.add(new PendingIndexChange(PendingIndexChange.Kind.DROP, s.name(), false, "",
                                statement.sql(), where));
                    } else {
                        for (String name : names) {
                            changes.add(new PendingIndexChange(PendingIndexChange.Kind.DROP, Optional.of(name), false,
                                    "", "DROP INDEX " + quoteIfNeeded(name), where));
                        }
                    }
                }
            }
        }
        return changes;
    }

    private static String quoteIfNeeded(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
