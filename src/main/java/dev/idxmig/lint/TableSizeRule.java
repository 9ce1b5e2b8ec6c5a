package dev.idxmig.lint;

import dev.idxmig.script.ParsedStatement;
import dev.idxmig.db.Database;
import dev.idxmig.db.TableSize;
import dev.idxmig.base.Severity;
import dev.idxmig.base.Sizes;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * {@code table-size} (connected): how big each existing table an index will be built on is, and a rough class
 * for the build's duration, so a reviewer knows whether the migration takes seconds or needs a maintenance
 * window. The classes are orders of magnitude for a b-tree build on ordinary hardware, not a promise.
 */
final class TableSizeRule extends LintRule.PerStatement {
    static final long MINUTES_FROM_BYTES = 1L << 30;
    static final long HOURS_FROM_BYTES = 50L << 30;
    static final long MINUTES_FROM_ROWS = 10_000_000L;
    static final long HOURS_FROM_ROWS = 500_000_000L;

    @Override
    public String id() {
        return "table-size";
    }

    @Override
    public Severity severity() {
        return Severity.INFO;
    }

    @Override
    public String reason() {
        return "the size of each table an index is built on and the build's duration class (needs a connection)";
    }

    @Override
    public boolean needsConnection() {
        return true;
    }

    @Override
    Optional<Violation> check(LintScript script, ParsedStatement s, LintContext context) {
        if (s.index().isEmpty() || context.live().isEmpty() || !context.liveTable(s.index().get().table())) {
            return Optional.empty();
        }
        String table = s.index().get().table();
        Database db = context.live().get().database();
        try (Connection c = db.connect()) {
            TableSize size = db.dialect().tableSize(c, db.schema(), table);
            String bytes = size.bytes().isPresent() ? ", " + Sizes.human(size.bytes().getAsLong()) : "";
            return found(script, s, String.format("%s: %s%,d rows%s: the build takes %s", table,
                    size.estimated() ? "~" : "", size.rows(), bytes, durationClass(size)), null);
        } catch (SQLException e) {
            return Optional.of(Violation.at(script, s, Severity.INFO, "could not read the size of " + table + ": "
                    + db.masker().mask(e.getMessage()), null));
        }
    }

    static String durationClass(TableSize size) {
        long bytes = size.bytes().orElse(-1);
        if (bytes >= HOURS_FROM_BYTES || size.rows() >= HOURS_FROM_ROWS) {
            return "hours";
        }
        if (bytes >= MINUTES_FROM_BYTES || size.rows() >= MINUTES_FROM_ROWS) {
            return "minutes";
        }
        return "seconds";
    }
}
