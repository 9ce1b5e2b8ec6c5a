package dev.idxmig.fleet;

import dev.idxmig.base.Failure;
import dev.idxmig.base.IdxmigException;
import dev.idxmig.base.Interruption;
import dev.idxmig.db.Database;
import dev.idxmig.db.Dialects;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one task per target: shared targets first and alone, then the rest {@code parallel} at a time, never more
 * than {@code buildsPerServer} index-building tasks on one database server. With stop-on-error, the first
 * failure stops new work (running targets finish); Ctrl-C does the same. Each outcome goes to the sink as soon as
 * its target ends, and is not kept: a run over thousands of targets holds counts, not reports.
 */
public final class FleetRunner {

    /** The command's work on one target. */
    public interface Task {
        TargetOutcome run(Database database, Target target);
    }

    /** Receives outcomes as targets end; called from worker threads, one call at a time. */
    public interface Sink {
        void finished(TargetOutcome outcome, int done, int total);

        /** A target's work begins (after it got its slot and, for builds, its server's permit). */
        default void started(String target) {
        }
    }

    private final int parallel;
    private final boolean stopOnError;
    private final int buildsPerServer;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private final AtomicInteger worst = new AtomicInteger();

    public FleetRunner(int parallel, boolean stopOnError, int buildsPerServer) {
        // FleetOptions checked --parallel and --max-server-builds before anything connected; here it is a bug.
        if (parallel < 1 || buildsPerServer < 1) {
            throw new IllegalArgumentException("parallel " + parallel + " and buildsPerServer " + buildsPerServer
                    + " must be at least 1");
        }
        this.parallel = parallel;
        this.stopOnError = stopOnError;
        this.buildsPerServer = buildsPerServer;
    }

    /**
     * @param builds whether the task builds indexes (migrate, rollback): then the per-server limit applies
     */
    public FleetSummary run(List<Target> targets, boolean builds, Task task, Sink sink) {
        long start = System.nanoTime();
        Counts counts = new Counts(targets.size());
        Resources resources = new Resources(parallel);
        try {
            for (Target target : targets) {
                dispatch(target, builds, task, sink, counts, resources);
            }
            resources.awaitWorkers();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            resources.close();
        }
        return counts.summary(interrupted.get(), (System.nanoTime() - start) / 1_000_000);
    }

    /** Starts one target: alone when shared, else on a worker once a slot is free; or skips it. */
    private void dispatch(Target target, boolean builds, Task task, Sink sink, Counts counts, Resources resources) {
        if (stopping.get()) {
            counts.emit(sink, TargetOutcome.skipped(target.name(), interrupted.get()
                    ? "not started: interrupted" : "not started: an earlier target failed"));
            return;
        }
        Database db;
        try {
            db = resources.database(target, parallel);
        } catch (IdxmigException e) {
            // a target that cannot even be opened (no connection) fails the run like any other failed target
            TargetOutcome failed = TargetOutcome.failed(target.name(), e.failure(), e.getMessage(), Optional.empty());
            worst.accumulateAndGet(failed.exitCode(), Math::max);
            counts.emit(sink, failed);
            stopIfAsked();
            return;
        }
        Semaphore server = builds ? resources.server(target, buildsPerServer) : null;
        if (target.shared()) {
            counts.emit(sink, runOne(db.inSchema(target.schema()), target, task, server, sink));
            stopIfFailed(counts);
            return;
        }
        resources.slots.acquireUninterruptibly();
        if (stopping.get()) {
            resources.slots.release();
            counts.emit(sink, TargetOutcome.skipped(target.name(), "not started"));
            return;
        }
        resources.workers.execute(() -> {
            try {
                counts.emit(sink, runOne(db.inSchema(target.schema()), target, task, server, sink));
                stopIfFailed(counts);
            } finally {
                resources.slots.release();
            }
        });
    }

    /**
     * What a run holds: the interruption hook, the worker threads, one connection pool per database. Released in
     * {@link #close} in that order's reverse, after the workers stopped: a pool closed under a running migration
     * would fail it half-way, and a hook left registered would outlive the run.
     */
    private final class Resources implements AutoCloseable {
        /** After a failure of the run itself (not a target's): how long running targets get to finish. */
        private static final long WORKERS_STOP_SECONDS = 60;

        final Map<String, Database> databases = new HashMap<>();
        final Map<String, Semaphore> servers = new HashMap<>();
        final Semaphore slots;
        final ExecutorService workers;
        // Ctrl-C or SIGTERM (see cli.Main): running targets stop after their running statement, no new one starts
        private final Interruption.Registration guard = Interruption.guard();
        private final Interruption.Registration hook = Interruption.onRequest(() -> {
            interrupted.set(true);
            stopping.set(true);
        });

        Resources(int parallel) {
            slots = new Semaphore(parallel);
            workers = Executors.newFixedThreadPool(parallel, r -> {
                Thread t = new Thread(r, "idxmig-target");
                t.setDaemon(true);
                return t;
            });
        }

        Database database(Target target, int parallel) {
            return databases.computeIfAbsent(target.databaseKey(), k -> {
                int perMigration = Dialects.forUrl(target.connection().jdbcUrl()).connectionsPerMigration();
                return Database.open(target.connection(), Optional.of(target.schema()), parallel * perMigration);
            });
        }

        Semaphore server(Target target, int buildsPerServer) {
            String url = target.connection().jdbcUrl();
            return servers.computeIfAbsent(Dialects.forUrl(url).server(url), s -> new Semaphore(buildsPerServer));
        }

        /** Every target dispatched has ended (a migration has no time limit of its own). */
        void awaitWorkers() throws InterruptedException {
            workers.shutdown();
            workers.awaitTermination(365, TimeUnit.DAYS);
        }

        @Override
        public void close() {
            try {
                stopWorkers();
            } finally {
                databases.values().forEach(Database::close);
                hook.close();
                guard.close();
            }
        }

        /**
         * Normally a no-op (awaitWorkers returned). After a failure of the run itself, running targets get a
         * bounded time to end, then are interrupted and get as long again; the pools close after that either way.
         */
        private void stopWorkers() {
            boolean interruptedBefore = Thread.interrupted(); // else the bounded waits below would not wait at all
            try {
                workers.shutdown();
                if (!workers.awaitTermination(WORKERS_STOP_SECONDS, TimeUnit.SECONDS)) {
                    stopping.set(true);
                    workers.shutdownNow();
                    workers.awaitTermination(WORKERS_STOP_SECONDS, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                interruptedBefore = true;
            } finally {
                if (interruptedBefore) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** The worst exit code of the targets that ran (0 when all were fine). */
    public int worstExitCode() {
        return worst.get();
    }

    private TargetOutcome runOne(Database db, Target target, Task task, Semaphore server, Sink sink) {
        long start = System.nanoTime();
        TargetOutcome outcome;
        if (server != null) {
            server.acquireUninterruptibly();
        }
        try {
            sink.started(target.name());
            outcome = task.run(db, target);
        } catch (IdxmigException e) {
            outcome = TargetOutcome.failed(target.name(), e.failure(), e.getMessage(), Optional.empty());
        } catch (RuntimeException e) {
            outcome = TargetOutcome.failed(target.name(), Failure.INTERNAL, String.valueOf(e), Optional.empty());
        } finally {
            if (server != null) {
                server.release();
            }
        }
        worst.accumulateAndGet(outcome.exitCode(), Math::max);
        return outcome.took((System.nanoTime() - start) / 1_000_000);
    }

    private void stopIfFailed(Counts counts) {
        if (counts.failed.get() > 0) {
            stopIfAsked();
        }
    }

    private void stopIfAsked() {
        if (stopOnError) {
            stopping.set(true);
        }
    }

    /** Thread-safe tallies; the failed targets' reasons are the only per-target data kept. */
    private static final class Counts {
        final int total;
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger problems = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger skipped = new AtomicInteger();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());

        Counts(int total) {
            this.total = total;
        }

        synchronized void emit(Sink sink, TargetOutcome o) {
            switch (o.status()) {
                case OK: ok.incrementAndGet(); break;
                case PROBLEMS: problems.incrementAndGet(); break;
                case FAILED:
                    failed.incrementAndGet();
                    failures.add(o.target() + ": " + o.headline());
                    break;
                default: skipped.incrementAndGet();
            }
            sink.finished(o, done.incrementAndGet(), total);
        }

        FleetSummary summary(boolean interrupted, long ms) {
            return new FleetSummary(total, ok.get(), problems.get(), failed.get(), skipped.get(), interrupted, ms,
                    failures);
        }
    }
}
