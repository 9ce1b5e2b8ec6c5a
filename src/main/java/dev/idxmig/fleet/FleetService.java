package dev.idxmig.fleet;

import dev.idxmig.base.Diagnostics;
import dev.idxmig.config.Environment;
import dev.idxmig.config.ProjectSettings;

import java.util.List;
import java.util.function.Function;

/**
 * Runs a command's work over the targets a {@link FleetRequest} selects: resolves them, gives each its own settings
 * and prefixed diagnostics, and hands each outcome to the sink as its target ends. How outcomes are shown (a
 * streaming report, a progress board) is the caller's.
 */
public final class FleetService {
    /** How the run ended: the summary, and the exit code it maps to. */
    public record Result(FleetSummary summary, int exitCode) {
    }

    private final ProjectSettings settings;
    private final Environment environment;
    private final Diagnostics diagnostics;

    public FleetService(ProjectSettings settings, Environment environment, Diagnostics diagnostics) {
        this.settings = settings;
        this.environment = environment;
        this.diagnostics = diagnostics;
    }

    /** The targets the request selects, in order (shared ones first). */
    public List<Target> targets(FleetRequest request) {
        return Targets.resolve(request.selection(), settings, environment);
    }

    /**
     * Runs the work on the targets.
     *
     * @param workFor the work, made for the resolved targets so it can read what they share in batches
     *                ({@link SchemaBatches})
     */
    public Result run(FleetRequest request, List<Target> targets, Function<List<Target>, FleetWork> workFor,
                      FleetRunner.Sink sink) {
        FleetWork work = workFor.apply(targets);
        FleetRunner runner = new FleetRunner(request.parallel(), request.stopOnError(), request.maxServerBuilds());
        FleetSummary summary = runner.run(targets, request.builds(),
                (db, target) -> work.run(db.withHistoryTable(settings.flyway().table()), settings.forTarget(target.connection(), target.schema(),
                        target.locations()), target, new TargetDiagnostics(diagnostics, target.name())),
                sink);
        return new Result(summary, summary.exitCode(runner.worstExitCode()));
    }

    /** Per-target diagnostics: prefixed with the target, progress lines only as details (500 targets!). */
    private static final class TargetDiagnostics implements Diagnostics {
        private final Diagnostics parent;
        private final String prefix;

        TargetDiagnostics(Diagnostics parent, String target) {
            this.parent = parent;
            this.prefix = "[" + target + "] ";
        }

        @Override
        public void info(String message) {
            parent.detail(prefix + message);
        }

        @Override
        public void warn(String message) {
            parent.warn(prefix + message);
        }

        @Override
        public void detail(String message) {
            parent.detail(prefix + message);
        }
    }
}
