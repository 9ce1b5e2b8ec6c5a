package dev.idxmig.ledger;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.db.Database;
import dev.idxmig.script.Version;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** The highest version applied to a schema, read from its history (empty when it has none). */
public final class SchemaVersion {
    private SchemaVersion() {
    }

    public static Optional<Version> current(Database database) {
        try (Connection c = database.connect()) {
            return PendingMigrations.current(new FlywayHistory(database).read(c));
        } catch (SQLException e) {
            throw IdxmigException.operation("cannot read the history: " + database.masker().mask(e.getMessage()),
                    null, e);
        }
    }
}
