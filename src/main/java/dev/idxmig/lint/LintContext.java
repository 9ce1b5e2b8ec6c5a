package dev.idxmig.lint;

import dev.idxmig.script.ParsedStatement;
import dev.idxmig.db.IndexSyntax;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Everything rules look at.
 *
 * @param target   the database the scripts will run on ({@code postgresql}, {@code sqlite})
 * @param syntax   what index syntax that database accepts
 * @param history  the scripts whose effects rules reason about, in version order: all scripts offline; with a
 *                 connection only those not yet applied (the live catalog stands for the applied ones)
 * @param targets  the scripts findings are reported for
 */
record LintContext(String target, IndexSyntax syntax, List<LintScript> history, List<LintScript> targets,
                   Optional<LiveSchema> live) {

    LintContext {
        history = List.copyOf(history);
        targets = List.copyOf(targets);
    }

    boolean isTarget(LintScript script) {
        return targets.contains(script);
    }

    /** The declared type of a column, from the live database or from the migrations' CREATE/ALTER TABLE. */
    Optional<String> columnType(String table, String column) {
        Optional<String> live = this.live.map(l -> l.tables().get(table)).map(cols -> cols.get(column));
        if (live.isPresent()) {
            return live.map(t -> t.toLowerCase(Locale.ROOT));
        }
        Optional<String> declared = Optional.empty();
        for (LintScript script : history) {
            for (ParsedStatement s : script.statements()) {
                if (s.table().filter(table::equals).isPresent() && s.columns().containsKey(column)) {
                    declared = Optional.of(s.columns().get(column));
                }
            }
        }
        return declared;
    }

    /** Whether a table exists in the live database (always false offline). */
    boolean liveTable(String table) {
        return live.map(l -> l.tables().containsKey(table)).orElse(false);
    }
}
