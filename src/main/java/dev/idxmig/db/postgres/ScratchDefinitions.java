package dev.idxmig.db.postgres;

import dev.idxmig.db.DefinedIndex;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two definitions of an index compared by what they build. PostgreSQL prints a definition from its parsed form, and
 * the print of what it parsed from its own print is not always the same text: {@code n BETWEEN 1 AND 100 AND b LIKE
 * 'v1%'} prints nested ANDs the first time and flat ones the next, so an index rebuilt from its recorded definition
 * reads back otherwise. Where the texts differ, each is built again on an empty copy of the table ({@code CREATE
 * TEMP TABLE ... (LIKE ...)}: no rows, no lock on the table beyond reading its columns), printed, built from that
 * print until the print stands still, and the two stable prints are compared. The work runs in a transaction (or a
 * savepoint of the caller's) that is rolled back. The constraint an index stands behind is compared the same way
 * ({@code ADD CONSTRAINT} on the copy, {@code pg_get_constraintdef}), so {@code DEFERRABLE} and the like count.
 */
final class ScratchDefinitions {
    private static final String IDENT = "(?:\"(?:[^\"]|\"\")*\"|[^\\s\".]+)";
    /** The head of pg_get_indexdef's text, up to the access method: what names the index and its table. */
    private static final Pattern HEAD = Pattern.compile("^CREATE (UNIQUE )?INDEX (?:CONCURRENTLY )?(?:IF NOT EXISTS )?"
            + IDENT + " ON (?:ONLY )?(?:" + IDENT + "\\.)?" + IDENT + " USING ");
    private static final String TABLE = "pg_temp.idxmig_scratch_table";
    private static final String INDEX = "idxmig_scratch_index";
    private static final String CONSTRAINT = "idxmig_scratch_constraint";
    /** Printing settles after one rebuild in every case seen; a few more rounds cost little and are rare. */
    private static final int ROUNDS = 4;

    private final PostgresDialect dialect;
    private final Connection connection;
    private final String parsePath;

    private ScratchDefinitions(PostgresDialect dialect, Connection connection, String schema) {
        this.dialect = dialect;
        this.connection = connection;
        // Definitions recorded before definitions were read under a fixed search_path may name the schema's own
        // functions and types unqualified: they parse in the schema, as they did when they were built.
        this.parsePath = dialect.quote(schema) + ", public";
    }

    /** Whether the two build the same index behind the same constraint; a definition that cannot be built is not. */
    static boolean same(PostgresDialect dialect, Connection connection, DefinedIndex recorded, DefinedIndex live)
            throws SQLException {
        if (recorded.sameText(live)) {
            return true;
        }
        if (!recorded.sameConstraintKind(live) || !HEAD.matcher(recorded.definition()).find()
                || !HEAD.matcher(live.definition()).find()) {
            return false;
        }
        ScratchDefinitions s = new ScratchDefinitions(dialect, connection, live.schema());
        return s.rolledBack(() -> {
            s.execute("CREATE TEMP TABLE " + TABLE + " (LIKE " + dialect.qualify(live.schema(), live.table()) + ")");
            boolean sameIndex = recorded.definition().equals(live.definition())
                    || s.stableIndex(recorded.definition()).equals(s.stableIndex(live.definition()));
            return sameIndex && (recorded.constraintText().equals(live.constraintText())
                    || s.stableConstraint(recorded.constraintText().orElseThrow())
                    .equals(s.stableConstraint(live.constraintText().orElseThrow())));
        });
    }

    private interface Work {
        boolean run() throws SQLException;
    }

    /** Runs the work in a transaction, or a savepoint of the caller's, and rolls it back; a failure is "not same". */
    private boolean rolledBack(Work work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        Savepoint savepoint = null;
        if (autoCommit) {
            connection.setAutoCommit(false);
        } else {
            savepoint = connection.setSavepoint();
        }
        try {
            return work.run();
        } catch (SQLException e) {
            return false; // not buildable here (gone table, no TEMP privilege): not shown to be the same
        } finally {
            if (savepoint == null) {
                connection.rollback();
                connection.setAutoCommit(true);
            } else {
                connection.rollback(savepoint);
            }
        }
    }

    private String stableIndex(String definition) throws SQLException {
        String text = definition;
        for (int round = 0; round < ROUNDS; round++) {
            Matcher head = HEAD.matcher(text);
            if (!head.find()) {
                return text;
            }
            setPath(parsePath);
            execute("CREATE " + Optional.ofNullable(head.group(1)).orElse("") + "INDEX " + INDEX + " ON " + TABLE
                    + " USING " + text.substring(head.end()));
            setPath(PostgresDialect.PRINT_PATH);
            String printed = value("SELECT pg_get_indexdef('pg_temp." + INDEX + "'::regclass)");
            execute("DROP INDEX pg_temp." + INDEX);
            if (printed.equals(text)) {
                return printed;
            }
            text = printed;
        }
        return text;
    }

    private String stableConstraint(String definition) throws SQLException {
        String text = definition;
        for (int round = 0; round < ROUNDS; round++) {
            setPath(parsePath);
            execute("ALTER TABLE " + TABLE + " ADD CONSTRAINT " + CONSTRAINT + " " + text);
            setPath(PostgresDialect.PRINT_PATH);
            String printed = value("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = '"
                    + TABLE + "'::regclass AND conname = '" + CONSTRAINT + "'");
            execute("ALTER TABLE " + TABLE + " DROP CONSTRAINT " + CONSTRAINT);
            if (printed.equals(text)) {
                return printed;
            }
            text = printed;
        }
        return text;
    }

    private void setPath(String path) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT set_config('search_path', ?, true)")) {
            ps.setString(1, path);
            ps.execute();
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    private String value(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
