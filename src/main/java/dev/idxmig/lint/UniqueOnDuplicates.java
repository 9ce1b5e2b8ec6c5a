package dev.idxmig.lint;

import dev.idxmig.db.SharedQueries;

import dev.idxmig.script.Token;
import dev.idxmig.script.ParsedStatement;
import dev.idxmig.script.IndexDefinition;
import dev.idxmig.db.Database;
import dev.idxmig.db.Dialect;
import dev.idxmig.base.Severity;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code unique-on-duplicates} (connected): a {@code CREATE UNIQUE INDEX} on columns that already hold the same
 * values twice fails after reading the whole table; with {@code CONCURRENTLY} it also leaves an INVALID index.
 * Counting the duplicates reads the table once, which is why this rule only runs when lint connects.
 */
final class UniqueOnDuplicates extends LintRule.PerStatement {
    static final int TIMEOUT_SECONDS = 60;
    @Override
    public String id() {
        return "unique-on-duplicates";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String reason() {
        return "a unique index on columns that hold duplicate values now: the build will fail (needs a connection)";
    }

    @Override
    public boolean needsConnection() {
        return true;
    }

    @Override
    Optional<Violation> check(LintScript script, ParsedStatement s, LintContext context) {
        if (s.index().isEmpty() || !s.index().get().unique() || context.live().isEmpty()
                || !context.liveTable(s.index().get().table())) {
            return Optional.empty();
        }
        IndexDefinition index = s.index().get();
        List<String> columns = new ArrayList<>();
        for (String element : index.columns()) {
            Optional<String> column = IndexDefinition.plainColumn(element);
            if (column.isEmpty()) {
                return Optional.empty(); // expression keys: the database is the only reliable judge
            }
            columns.add(column.get());
        }
        Database db = context.live().get().database();
        Dialect dialect = db.dialect();
        String quoted = columns.stream().map(dialect::quote).collect(Collectors.joining(", "));
        String sql = dialect.sql(SharedQueries.DUPLICATE_KEYS)
                .replace("{table}", dialect.qualify(db.schema(), index.table()))
                .replace("{columns}", quoted)
                .replace("{not_null}", columns.stream().map(c -> dialect.quote(c) + " IS NOT NULL")
                        .collect(Collectors.joining(" AND ")))
                .replace("{predicate}", predicateText(s).orElse("1 = 1"));
        try (Connection c = db.connect()) {
            return count(c, sql, script, s, index, columns);
        } catch (SQLException e) {
            return Optional.of(Violation.at(script, s, Severity.INFO, "could not count duplicates in "
                    + index.table() + " (within " + TIMEOUT_SECONDS + " s): " + db.masker().mask(e.getMessage()),
                    null));
        }
    }

    /**
     * Runs the count read-only and rolled back: the predicate is text from the migration under review, which in
     * CI may come from a pull request. Bounded in time, because on a big table it reads every row.
     */
    private Optional<Violation> count(Connection c, String sql, LintScript script, ParsedStatement s,
                                      IndexDefinition index, List<String> columns) throws SQLException {
        c.setAutoCommit(false);
        try {
            try {
                c.setReadOnly(true);
            } catch (SQLException notOnAnOpenConnection) {
                // SQLite fixes read-only mode when the connection opens; the rollback below still applies.
            }
            try (Statement st = c.createStatement()) {
                st.setQueryTimeout(TIMEOUT_SECONDS);
                try (ResultSet rs = st.executeQuery(sql)) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    List<String> example = new ArrayList<>();
                    for (int k = 0; k < columns.size(); k++) {
                        example.add(String.valueOf(rs.getString(3 + k)));
                    }
                    long keys = rs.getLong("duplicate_keys");
                    return found(script, s, keys + " value" + (keys == 1 ? "" : "s") + " of ("
                                    + String.join(", ", columns) + ") occur more than once in " + index.table()
                                    + ", e.g. (" + String.join(", ", example) + ") " + rs.getLong("copies")
                                    + " times: the unique index build will fail",
                            "remove or merge the duplicate rows first (in an earlier migration), or make the index "
                                    + "non-unique");
                }
            }
        } finally {
            c.rollback(); // the pool restores auto-commit and read-only mode when the connection goes back
        }
    }

    /** The partial index's condition as the migration writes it, to count only the rows the index will hold. */
    private static Optional<String> predicateText(ParsedStatement s) {
        List<Token> tokens = s.tokens();
        int depth = 0;
        for (Token t : tokens) {
            if (t.isSymbol('(')) {
                depth++;
            } else if (t.isSymbol(')')) {
                depth--;
            } else if (depth == 0 && t.is("where")) {
                return Optional.of(s.source().sql().substring(t.offset() + t.text().length()).strip());
            }
        }
        return Optional.empty();
    }
}
