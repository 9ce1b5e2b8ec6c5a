package dev.idxmig.ledger;

import dev.idxmig.script.MigrationScript;
import dev.idxmig.script.Version;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Which scripts a {@code migrate} would apply, worked out from the history table as Flyway does (in order). */
public final class PendingMigrations {
    private PendingMigrations() {
    }

    /** The highest successfully applied version. */
    public static Optional<Version> current(List<HistoryRow> history) {
        return history.stream().filter(HistoryRow::success).flatMap(r -> r.version().stream())
                .filter(Version::isVersion).map(Version::parse).max(Version::compareTo);
    }

    /** Scripts above the current version, not applied successfully, and not beyond {@code target}. */
    public static List<MigrationScript> of(List<MigrationScript> scripts, List<HistoryRow> history,
                                           Optional<Version> target) {
        Optional<Version> current = current(history);
        // a failed row (a non-transactional migration that stopped) is not applied: the next migrate resumes it
        Set<Version> applied = history.stream().filter(HistoryRow::success).flatMap(r -> r.version().stream())
                .filter(Version::isVersion)
                .map(Version::parse).collect(Collectors.toSet());
        List<MigrationScript> pending = new ArrayList<>();
        for (MigrationScript script : scripts) {
            boolean done = applied.contains(script.version());
            boolean older = current.map(c -> script.version().compareTo(c) <= 0).orElse(false);
            boolean beyond = target.map(t -> script.version().compareTo(t) > 0).orElse(false);
            if (!done && !older && !beyond) {
                pending.add(script);
            }
        }
        return pending;
    }
}
