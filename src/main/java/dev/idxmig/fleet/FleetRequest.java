package dev.idxmig.fleet;

/**
 * A command's run over many targets: which targets, how many at once, and what a failed target does.
 *
 * @param selection       schemas, a schema query or a targets file, and the shared locations
 * @param parallel        targets worked on at once (at least 1)
 * @param stopOnError     after a failed target, start nothing new
 * @param maxServerBuilds index-building targets at once on one server (at least 1)
 * @param builds          whether the command builds indexes (migrate, rollback): then the server limit applies
 */
public record FleetRequest(TargetSelection selection, int parallel, boolean stopOnError, int maxServerBuilds,
                           boolean builds) {
}
