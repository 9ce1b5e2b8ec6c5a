package dev.idxmig.fleet;

import dev.idxmig.base.Diagnostics;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.db.Database;

/** A command's work on one target of a fleet run, with that target's settings and diagnostics. */
@FunctionalInterface
public interface FleetWork {
    TargetOutcome run(Database database, ProjectSettings settings, Target target, Diagnostics diagnostics);
}
