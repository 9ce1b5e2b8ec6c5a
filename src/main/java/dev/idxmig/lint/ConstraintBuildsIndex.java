package dev.idxmig.lint;

import dev.idxmig.base.Severity;
import dev.idxmig.script.ConstraintIndex;
import dev.idxmig.script.ParsedStatement;
import dev.idxmig.script.StatementKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code constraint-builds-index}: {@code ALTER TABLE ... ADD [CONSTRAINT c] UNIQUE (...)}, {@code PRIMARY KEY
 * (...)}, {@code EXCLUDE USING ...} and {@code ADD COLUMN x ... UNIQUE} build an index without the word INDEX,
 * holding the ACCESS EXCLUSIVE lock of ALTER TABLE (no reads, no writes) for the whole build. Also when the key is
 * one action of a multi-action ALTER TABLE. The {@code USING INDEX} forms attach an index built beforehand and are
 * fine; so is a table created earlier in the same transaction.
 */
final class ConstraintBuildsIndex implements LintRule {
    @Override
    public String id() {
        return "constraint-builds-index";
    }

    @Override
    public Severity severity() {
        return Severity.ERROR;
    }

    @Override
    public String reason() {
        return "ALTER TABLE ... ADD UNIQUE / PRIMARY KEY / EXCLUDE builds an index under a lock that blocks reads and "
                + "writes";
    }

    @Override
    public List<Violation> check(LintContext context) {
        List<Violation> found = new ArrayList<>();
        if (!context.syntax().concurrently()) {
            return found; // SQLite's ALTER TABLE adds no constraints
        }
        for (LintScript script : context.targets()) {
            Transactions tx = Transactions.of(script);
            for (ParsedStatement s : script.statements()) {
                if (s.kind() != StatementKind.TABLE_CHANGE || s.constraintIndexes().isEmpty() || s.table().isEmpty()) {
                    continue;
                }
                String table = s.table().get();
                Set<String> newTables = tx.newTables(s);
                if (newTables.contains(table)) {
                    continue;
                }
                for (ConstraintIndex key : s.constraintIndexes()) {
                    found.add(new Violation(script, key.line(), key.column(), java.util.Optional.of(s), severity(),
                            "ALTER TABLE " + table + " " + key.describe() + " builds "
                                    + (key.kind() == ConstraintIndex.Kind.EXCLUDE ? "an index" : "a unique index")
                                    + " while holding ACCESS EXCLUSIVE on " + table + ": no reads or writes until it "
                                    + "finishes",
                            fix(script, table, key)));
                }
            }
        }
        return found;
    }

    static String fix(LintScript script, String table, ConstraintIndex key) {
        if (key.kind() == ConstraintIndex.Kind.EXCLUDE) {
            return "PostgreSQL has no online form of EXCLUDE: add it while " + table + " is small, or in a "
                    + "maintenance window with a short lock_timeout";
        }
        String name = key.constraint().orElse(table + "_" + String.join("_", key.columns())
                + (key.kind() == ConstraintIndex.Kind.UNIQUE ? "_key" : "_pkey"));
        String columns = key.columns().isEmpty() ? "(...)" : "(" + String.join(", ", key.columns()) + ")";
        String first = key.addsColumn() ? "add the column without " + key.kind() + ", then " : "";
        return first + "CREATE UNIQUE INDEX CONCURRENTLY " + name + " ON " + table + " " + columns
                + " in a migration with executeInTransaction=false (" + script.sidecarName() + "), then ALTER TABLE "
                + table + " ADD CONSTRAINT " + name + " " + key.kind() + " USING INDEX " + name;
    }
}
