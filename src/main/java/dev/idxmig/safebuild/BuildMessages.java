package dev.idxmig.safebuild;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.base.Interruption;
import dev.idxmig.db.IndexBuilds;
import dev.idxmig.script.IndexStatement;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The verdicts a safe build stops with, worded in one place: what happened, what is left, what to do. */
final class BuildMessages {
    private BuildMessages() {
    }

    static IdxmigException interrupted(IndexStatement s, String subject, LeftoverCleanup.Cleanup cleanup) {
        return Interruption.stopped(s.verb() + " " + subject + ": cancelled by the interrupt while it waited"
                + (cleanup.dropped().isEmpty() ? "" : "; dropped its INVALID leftover "
                + String.join(", ", cleanup.dropped()))
                + (cleanup.remaining().isEmpty() ? "" : "; INVALID " + String.join(", ", cleanup.remaining())
                + " is left for the next run to drop"), null);
    }

    /** The tries ran out on lock failures. */
    static IdxmigException gaveUp(IndexStatement s, String subject, Optional<IndexBuilds.Table> table, String why,
                                  int tries, List<IndexBuilds.Blocker> blockers, LeftoverCleanup.Cleanup cleanup,
                                  String knob) {
        return IdxmigException.lock(s.verb() + " " + subject + ": " + why + " in " + tries + " tr"
                        + (tries == 1 ? "y" : "ies") + "; " + describe(blockers) + leftovers(cleanup)
                        + (table.isPresent() && cleanup.remaining().isEmpty() ? "; no invalid index was left behind"
                        : ""),
                blockers.isEmpty()
                        ? "retry when the table is less busy, or raise --retries / " + knob
                        : "end the blocking session (SELECT pg_terminate_backend(" + blockers.get(0).pid()
                        + ")) or wait for it, or raise --retries / " + knob + "; then run the "
                        + "command again ('idxmig repair' first if 'idxmig status' shows a "
                        + "migration as failed)");
    }

    /** What the cleanup after a failed try did, as a tail of the try's message. */
    static String leftovers(LeftoverCleanup.Cleanup cleanup) {
        return (cleanup.dropped().isEmpty() ? "" : "; dropped the INVALID leftover "
                + String.join(", ", cleanup.dropped()))
                + (cleanup.remaining().isEmpty() ? "" : "; INVALID index " + String.join(", ", cleanup.remaining())
                + " could not be dropped yet (" + cleanup.why() + ")");
    }

    static String describe(List<IndexBuilds.Blocker> blockers) {
        return blockers.isEmpty() ? "the blocking session was already gone"
                : "blocked by " + blockers.stream().map(IndexBuilds.Blocker::describe)
                .collect(Collectors.joining("; "));
    }

    static IdxmigException invalidKept(IndexStatement s, String qualified) {
        return IdxmigException.operation("index " + qualified + " exists but is INVALID "
                + "(a failed concurrent build left it): " + s.verb() + " IF NOT EXISTS would skip it and keep an "
                + "index that is not used and slows every write; nothing was built", "drop it first (DROP INDEX "
                + "CONCURRENTLY " + qualified + ") and run 'idxmig repair' and 'idxmig migrate' again, or run "
                + "'idxmig repair' and 'idxmig migrate --repair-invalid' to have idxmig drop and rebuild it",
                null);
    }

    static IdxmigException differentDefinition(IndexBuilds.Index index, String qualified, String wanted) {
        return IdxmigException.operation("index " + qualified + " already exists with a "
                + "different definition, so IF NOT EXISTS would skip it: it is '" + index.definition()
                + "', the migration asks for '" + wanted + "'; nothing was built", "give the new index another "
                + "name, or drop the old one in an earlier statement of the migration", null);
    }

    static IdxmigException cannotResume(IndexStatement s, IndexBuilds.Index index, String wanted, String drop) {
        String qualified = index.schema() + "." + index.name();
        return IdxmigException.operation("cannot resume: index " + qualified + " exists "
                + "but not as the statement asks: it is '" + index.definition() + "', the statement asks for '"
                + wanted + "'; nothing was changed", "to finish by hand, run in schema " + index.schema() + ":\n  "
                + drop + ";\n  " + s.sql().strip()
                + (s.sql().strip().endsWith(";") ? "" : ";") + "\nthen run the same idxmig command again", null);
    }
}
