package dev.idxmig.cli;

import dev.idxmig.base.IdxmigException;
import dev.idxmig.config.ProjectSettings;
import dev.idxmig.fleet.FleetRequest;
import dev.idxmig.fleet.FleetRunner;
import dev.idxmig.fleet.FleetService;
import dev.idxmig.fleet.FleetWork;
import dev.idxmig.fleet.FleetSummary;
import dev.idxmig.fleet.Shard;
import dev.idxmig.fleet.ShardReport;
import dev.idxmig.fleet.ShardSource;
import dev.idxmig.fleet.Target;
import dev.idxmig.fleet.TargetOutcome;
import dev.idxmig.fleet.TargetSelection;
import dev.idxmig.output.FleetWriter;
import dev.idxmig.output.ReportFormat;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Options that run a command over many schemas or databases: target selection, parallelism, failure policy. */
final class FleetOptions implements ValidatedOptions {
    enum OnError { STOP, CONTINUE }

    @Option(names = "--schemas", paramLabel = "LIST", split = ",",
            description = "Run on these schemas: names or patterns such as 'tenant_*', comma-separated.")
    List<String> schemas = new ArrayList<>();

    @Option(names = "--schemas-query", paramLabel = "SQL",
            description = "Run on the schemas this query lists (first column).")
    String schemasQuery;

    @Option(names = "--targets", paramLabel = "FILE",
            description = "Run on the databases listed in this YAML file (credentials from environment variables).")
    Path targets;

    @Option(names = "--shared-locations", paramLabel = "DIR", split = ",",
            description = "Migration folders applied once to the shared schema, before the tenant schemas.")
    List<String> sharedLocations = new ArrayList<>();

    @Option(names = "--shared-schema", paramLabel = "SCHEMA",
            description = "The shared schema for --shared-locations (default: public).")
    String sharedSchema;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1",
            description = "Targets worked on at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--on-error", paramLabel = "POLICY", defaultValue = "stop",
            description = "After a failed target: stop (start nothing new) or continue (default: ${DEFAULT-VALUE}).")
    OnError onError;

    @Option(names = "--max-server-builds", paramLabel = "N", defaultValue = "2",
            description = "Migrations building indexes at once on one database server (default: ${DEFAULT-VALUE}).")
    int maxServerBuilds;

    @Option(names = "--shard", paramLabel = "K/N",
            description = "Work on part K of N of the targets (each target's part from a hash of its name), or "
                    + "'auto': K/N from IDXMIG_SHARD, GitLab's CI_NODE_INDEX/CI_NODE_TOTAL or a Kubernetes "
                    + "Indexed Job's JOB_COMPLETION_INDEX with IDXMIG_SHARD_TOTAL.")
    String shard;

    /** The command these options belong to, for the environment {@code --shard auto} reads. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Override
    public void validate() {
        if (shard != null) {
            if (!active()) {
                throw IdxmigException.usage("--shard splits a fleet, and this run has one target",
                        "select the fleet with --schemas, --schemas-query or --targets");
            }
            shard();
        }
        if (parallel < 1) {
            throw IdxmigException.usage("--parallel must be 1 or more, not " + parallel,
                    "--parallel 1 works on one target at a time");
        }
        if (maxServerBuilds < 1) {
            throw IdxmigException.usage("--max-server-builds must be 1 or more, not " + maxServerBuilds,
                    "--max-server-builds 1 lets one migration at a time build indexes on a server");
        }
    }

    TargetSelection selection() {
        return new TargetSelection(schemas, Optional.ofNullable(schemasQuery), Optional.ofNullable(targets),
                sharedLocations, Optional.ofNullable(sharedSchema));
    }

    boolean active() {
        return selection().isFleet();
    }

    /** The part of the fleet this run works on: all of it without {@code --shard}. */
    Shard shard() {
        if (shard == null) {
            return Shard.all();
        }
        return ShardSource.resolve(shard, ((RootCommand) mixee.root().userObject()).environment());
    }

    /** The fleet run these options ask for. */
    FleetRequest request(boolean builds) {
        return new FleetRequest(selection(), parallel, onError == OnError.STOP, maxServerBuilds, builds);
    }

    /** Resolves the targets, runs {@code work} on each, streams the outcomes, returns the exit code. */
    int run(BaseCommand cmd, OutputOptions output, ProjectSettings settings, String command, boolean builds,
            FleetWork work) {
        return run(cmd, output, settings, command, builds, targets -> work);
    }

    /**
     * The same, with the work made for the resolved targets, so it can read what they share in batches
     * ({@link dev.idxmig.fleet.SchemaBatches}).
     */
    int run(BaseCommand cmd, OutputOptions output, ProjectSettings settings, String command, boolean builds,
            Function<List<Target>, FleetWork> workFor) {
        Console console = cmd.console();
        FleetRequest request = request(builds);
        FleetService service = new FleetService(settings, cmd.environment(), console);
        Shard part = shard();
        List<Target> selected = service.targets(request);
        List<Target> resolved = part.select(selected);
        Optional<ShardReport> shardReport = Optional.ofNullable(shard).map(s -> ShardReport.of(part, selected,
                resolved));
        String targetCount = shardReport.map(ShardReport::line)
                .orElse(resolved.size() + " target" + (resolved.size() == 1 ? "" : "s"));
        console.info(command + ": " + targetCount + (resolved.isEmpty() ? "" : ", " + parallel + " at a time"));
        PrintWriter out = console.out();
        Path file = output.output == null ? null : settings.workDir().resolve(output.output);
        if (file != null) {
            try {
                out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw IdxmigException.usage("cannot write report to " + file + ": " + e.getMessage(),
                        "check that the folder exists and is writable");
            }
        }
        boolean progressOnStderr = file != null || output.format != ReportFormat.TEXT;
        FleetWriter writer = FleetWriter.create(output.format, out, command, shardReport);
        writer.begin();
        FleetProgress progress = new FleetProgress(resolved.size(), System::nanoTime);
        FleetService.Result result;
        try (Ticker ignored = Ticker.every(1, console::refreshLive)) {
            console.startLive(progress::lines);
            result = service.run(request, resolved, workFor, new FleetRunner.Sink() {
                @Override
                public void started(String target) {
                    progress.started(target);
                    console.refreshLive();
                }

                @Override
                public void finished(TargetOutcome outcome, int done, int total) {
                    progress.finished(outcome);
                    console.above(() -> writer.finished(outcome, done, total));
                    if (progressOnStderr) {
                        console.info(String.format("[%d/%d] %s: %s %s", done, total, outcome.target(),
                                outcome.status().label(), outcome.headline()));
                    }
                }
            });
        } finally {
            console.endLive();
        }
        FleetSummary summary = result.summary();
        writer.end(summary);
        if (file != null) {
            out.close();
            String name = shardReport.map(s -> command + " (" + s.label() + ")").orElse(command);
            console.out().println(summary.line(name) + " (" + output.format.label() + " report written to "
                    + file + ")");
            console.out().flush();
        }
        return result.exitCode();
    }

    /** Redraws the progress board every second (elapsed times move even when no target ends). */
    private static final class Ticker implements AutoCloseable {
        private final java.util.concurrent.ScheduledExecutorService timer;

        private Ticker(java.util.concurrent.ScheduledExecutorService timer) {
            this.timer = timer;
        }

        static Ticker every(long seconds, Runnable task) {
            java.util.concurrent.ScheduledExecutorService timer =
                    java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "idxmig-progress");
                        t.setDaemon(true);
                        return t;
                    });
            timer.scheduleAtFixedRate(task, seconds, seconds, java.util.concurrent.TimeUnit.SECONDS);
            return new Ticker(timer);
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }
}
