package dev.idxmig.rollback;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.ledger.HistoryRow;
import dev.idxmig.script.Version;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The versions Flyway's history says are applied, newest first, each with the row that applied it, and the
 * adoption's baseline version apart: the baseline stands for what was there before idxmig, so it is a valid
 * {@code --to} but never undone itself. Which of them a rollback undoes is decided here, from the options alone.
 */
record AppliedVersions(TreeMap<Version, HistoryRow> rows, Optional<Version> baseline) {

    /** Reads the successful versioned rows of the history; the baseline row is kept apart. */
    static AppliedVersions of(List<HistoryRow> history) {
        TreeMap<Version, HistoryRow> applied = new TreeMap<>(Comparator.reverseOrder());
        Optional<Version> baseline = Optional.empty();
        for (HistoryRow row : history) {
            if (row.success() && row.number().isPresent()) {
                Version version = row.number().get();
                if (row.isBaseline()) {
                    baseline = Optional.of(version);
                } else {
                    applied.put(version, row);
                }
            }
        }
        return new AppliedVersions(applied, baseline);
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Newest first. */
    List<Version> newestFirst() {
        return List.copyOf(rows.keySet());
    }

    HistoryRow row(Version version) {
        return rows.get(version);
    }

    /** The version the schema stands at once {@code undone} are undone: the newest left, else the baseline. */
    Optional<Version> remainingAfter(List<Version> undone) {
        return rows.keySet().stream().filter(v -> !undone.contains(v)).findFirst().or(() -> baseline);
    }

    /**
     * The versions to undo, newest first, as far back as the options reach; refuses what this history cannot do.
     *
     * @param failedFirst a failed migration's leftovers are undone first and count as one of {@code --steps}
     */
    List<Version> toUndo(RollbackOptions options, boolean failedFirst) {
        if (rows.isEmpty()) {
            return List.of();
        }
        if (options.reach() instanceof RollbackOptions.Reach.DownTo to) {
            return downTo(to.version());
        }
        return lastSteps(((RollbackOptions.Reach.Steps) options.reach()).count(), failedFirst);
    }

    private List<Version> downTo(Version target) {
        Version current = rows.firstKey();
        if (target.compareTo(current) > 0) {
            throw IdxmigException.usage("cannot roll back to version " + target + ": the schema is at version "
                    + current, "pass a version below " + current);
        }
        boolean zero = target.parts().stream().allMatch(p -> p.signum() == 0)
                || baseline.map(target::equals).orElse(false);
        if (!zero && !rows.containsKey(target)) {
            List<Version> oldestFirst = new ArrayList<>(rows.keySet());
            Collections.reverse(oldestFirst);
            throw IdxmigException.usage("cannot roll back to version " + target + ": it was never applied",
                    "applied versions: " + oldestFirst.stream().map(Version::toString)
                            .collect(Collectors.joining(", ")) + " (or 0 to undo them all)");
        }
        return newestFirst().stream().filter(v -> v.compareTo(target) > 0).toList();
    }

    private List<Version> lastSteps(int steps, boolean failedFirst) {
        int applied = rows.size();
        if (failedFirst) {
            if (steps - 1 > applied) {
                throw IdxmigException.usage("cannot undo " + steps + " migrations: a failed one and "
                        + applied + " applied", "pass --steps " + (applied + 1));
            }
            return newestFirst().subList(0, steps - 1);
        }
        if (steps > applied) {
            throw IdxmigException.usage("cannot undo " + steps + " migrations: only " + applied
                    + " are applied", "pass --steps " + applied + " or --to 0 to undo them all");
        }
        return newestFirst().subList(0, steps);
    }
}
