package dev.idxmig.migrate;

import dev.idxmig.script.IndexStatement;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.BuildSettings;
import dev.idxmig.db.Database;
import dev.idxmig.db.IndexBuilds;
import dev.idxmig.safebuild.PartitionRecipe;
import dev.idxmig.base.Diagnostics;
import dev.idxmig.base.Sizes;
import dev.idxmig.script.ParsedStatement;
import dev.idxmig.script.SqlStatement;
import dev.idxmig.script.StatementReader;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Warns before risk: a non-concurrent index statement on a big table blocks its writers (DROP INDEX and REINDEX
 * its readers too) for as long as it runs; so does an ALTER TABLE that adds a UNIQUE, PRIMARY KEY or EXCLUDE
 * constraint (it builds the index under ACCESS EXCLUSIVE). Checked over all pending migrations before the first one
 * runs, so {@code --require-concurrent} can refuse the whole run with nothing applied. The size threshold is for
 * the warning; {@code --require-concurrent} refuses such a statement on any existing table, so it fires on
 * CI-sized databases too.
 */
final class BuildRisks {
    private final Database database;
    private final IndexBuilds builds;
    private final BuildSettings settings;
    private final Diagnostics diagnostics;

    BuildRisks(Database database, IndexBuilds builds, BuildSettings settings, Diagnostics diagnostics) {
        this.database = database;
        this.builds = builds;
        this.settings = settings;
        this.diagnostics = diagnostics;
    }

    void check(List<PlannedMigration> pending) {
        List<String> risks = new ArrayList<>();
        try (Connection c = database.connect()) {
            for (PlannedMigration migration : pending) {
                for (SqlStatement statement : migration.statements()) {
                    risk(c, migration, statement).ifPresent(risks::add);
                }
            }
        } catch (SQLException e) {
            diagnostics.warn("could not check pending index statements for write blocking: " + e.getMessage());
            return;
        }
        if (risks.isEmpty()) {
            return;
        }
        if (settings.requireConcurrent()) {
            throw IdxmigException.operation("--require-concurrent: " + String.join("\n  ", risks)
                            + "\n  nothing was applied",
                    "use CREATE INDEX CONCURRENTLY / DROP INDEX CONCURRENTLY in a migration with "
                            + "executeInTransaction=false (a <script>.sql.conf file); for a key, build its unique "
                            + "index that way and ADD CONSTRAINT ... USING INDEX", null);
        }
        risks.forEach(diagnostics::warn);
    }

    /**
     * For --dry-run: each statement on a partitioned table with the statements idxmig will run for it instead
     * (see {@link PartitionRecipe}), those an earlier try already did marked as done.
     */
    void showPartitionRecipes(List<PlannedMigration> pending) {
        try (Connection c = database.connect()) {
            for (PlannedMigration migration : pending) {
                for (SqlStatement statement : migration.statements()) {
                    Optional<IndexStatement> parsed = IndexStatement.parse(statement.sql());
                    if (parsed.isEmpty()) {
                        continue;
                    }
                    Optional<List<PartitionRecipe.Step>> steps = PartitionRecipe.plan(builds, c, database.schema(),
                            parsed.get());
                    if (steps.isPresent()) {
                        diagnostics.info(migration.script() + " line " + statement.line() + ": " + parsed.get().verb()
                                + " " + parsed.get().name().orElse("") + " is on a partitioned table; idxmig runs:");
                        steps.get().forEach(step -> diagnostics.info("  " + step.statement() + ";"
                                + (step.done() ? "  -- done already" : "")));
                    }
                }
            }
        } catch (SQLException e) {
            diagnostics.warn("could not read the partitions of the tables pending index statements are on: "
                    + e.getMessage());
        }
    }

    private Optional<String> risk(Connection c, PlannedMigration migration, SqlStatement statement)
            throws SQLException {
        ParsedStatement read = StatementReader.read(statement);
        if (!read.constraintIndexes().isEmpty() && read.table().isPresent() && database.dialect().indexSyntax()
                .concurrently()) {
            Optional<IndexBuilds.Table> table = builds.table(c, database.schema(), read.table().get());
            if (table.isEmpty() || !over(table.get())) {
                return Optional.empty();
            }
            return Optional.of(migration.script() + " line " + statement.line() + ": ALTER TABLE ... "
                    + read.constraintIndexes().get(0).describe() + " on " + table.get().qualified() + " ("
                    + Sizes.human(table.get().bytes()) + ") builds an index under ACCESS EXCLUSIVE: it blocks every "
                    + "read and write of it for the whole build");
        }
        Optional<IndexStatement> parsed = IndexStatement.of(read);
        if (parsed.isEmpty() || parsed.get().concurrent()) {
            return Optional.empty();
        }
        IndexStatement s = parsed.get();
        Optional<IndexBuilds.Table> table = s.kind().targetsIndex()
                ? builds.tableOfIndex(c, database.schema(), s.target())
                : builds.table(c, database.schema(), s.target());
        if (table.isEmpty() || !over(table.get())) {
            return Optional.empty();
        }
        if (table.get().bytes() < settings.largeTableBytes()) {
            return Optional.of(migration.script() + " line " + statement.line() + ": " + s.verb() + " on "
                    + table.get().qualified() + " (" + Sizes.human(table.get().bytes()) + ") is not CONCURRENTLY");
        }
        String blocks = s.kind() == IndexStatement.Kind.CREATE
                ? "blocks every write to it (reads go on) for the whole build"
                : "blocks every read and write of it while it runs";
        return Optional.of(migration.script() + " line " + statement.line() + ": " + s.verb() + " on "
                + table.get().qualified() + " (" + Sizes.human(table.get().bytes()) + ", over the "
                + Sizes.human(settings.largeTableBytes()) + " threshold) is not CONCURRENTLY: it " + blocks);
    }

    /** Big enough to warn about, or any existing table under --require-concurrent. */
    private boolean over(IndexBuilds.Table table) {
        return settings.requireConcurrent() || table.bytes() >= settings.largeTableBytes();
    }
}
