package dev.idxmig.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Runs index statements one per {@code execute()} with autocommit on, as {@code CREATE/DROP INDEX CONCURRENTLY}
 * requires, and stops at the first failure. A failed concurrent build leaves an invalid index behind; it is
 * dropped here, so the schema is left as it was before the failing statement.
 */
public final class StatementSequence {
    private final Database database;

    public StatementSequence(Database database) {
        this.database = database;
    }

    /** How far a sequence got: {@code executed} statements succeeded; the next one failed with {@code error}. */
    public record Outcome(int executed, Optional<String> error) {
        public boolean completed() {
            return error.isEmpty();
        }
    }

    public Outcome run(List<String> statements) {
        try (Connection c = database.connect()) {
            c.setAutoCommit(true);
            CatalogSnapshot before = database.snapshot(c);
            for (int i = 0; i < statements.size(); i++) {
                try (Statement st = c.createStatement()) {
                    st.execute(statements.get(i));
                } catch (SQLException e) {
                    dropInvalidLeftovers(c, before);
                    return new Outcome(i, Optional.of(database.masker().mask(e.getMessage())));
                }
                before = database.snapshot(c);
            }
            return new Outcome(statements.size(), Optional.empty());
        } catch (SQLException e) {
            return new Outcome(0, Optional.of(database.masker().mask(e.getMessage())));
        }
    }

    private void dropInvalidLeftovers(Connection c, CatalogSnapshot before) throws SQLException {
        for (IndexInfo index : database.snapshot(c).all()) {
            if (!index.healthy() && before.find(index.name()).isEmpty()) {
                try (Statement st = c.createStatement()) {
                    st.execute(database.dialect().onlineDrop(index.schema(), index.name()));
                }
            }
        }
    }
}
