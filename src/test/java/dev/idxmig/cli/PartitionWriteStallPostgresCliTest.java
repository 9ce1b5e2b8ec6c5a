package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writers keep writing while idxmig builds an index on a partitioned table: a writer inserting through the parent
 * all along sees no stall longer than the short per-step locks (ON ONLY, ATTACH). For contrast, the same index
 * built the plain way blocks it for the whole build. Asserted: rows were written while the partitions' builds ran
 * (counted between the first and last sighting of a build in {@code pg_stat_progress_create_index}), and none was
 * lost. How long the writer waited in either case is printed, not asserted: speed lives in bench/.
 */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class PartitionWriteStallPostgresCliTest {
    @TempDir
    Path dir;

    @Test
    void aWriterThroughTheParentIsNotStalledByThePartitionedBuild(PgDatabase db) throws Exception {
        ExampleProject.write(dir.resolve("migrations"), "V1__events.sql", """
                CREATE TABLE events (id bigint NOT NULL, region int NOT NULL, payload text) PARTITION BY LIST (region);
                CREATE TABLE events_r1 PARTITION OF events FOR VALUES IN (1);
                CREATE TABLE events_r2 PARTITION OF events FOR VALUES IN (2);
                CREATE TABLE events_r3 PARTITION OF events FOR VALUES IN (3);
                INSERT INTO events SELECT g, 1 + g % 3, md5(g::text) || md5((g * 7)::text)
                FROM generate_series(1, 300000) g;
                """);
        ExampleProject.write(dir.resolve("migrations"), "V2__index.sql",
                "CREATE INDEX CONCURRENTLY ix_events_payload ON events (payload, id);\n");
        ExampleProject.write(dir.resolve("migrations"), "V2__index.sql.conf", "executeInTransaction=false\n");
        Idxmig idxmig = Idxmig.in(dir).target(db.cliArgs());
        assertEquals(0, idxmig.run("migrate", "--no-backup", "--target", "1").exitCode());

        Writer online = new Writer(db);
        BuildWatcher watcher = new BuildWatcher(db, online);
        CliResult r;
        try {
            online.start();
            watcher.start();
            r = idxmig.run("migrate", "--no-backup", "--no-verify");
        } finally {
            watcher.stop();
            online.stop();
        }
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(watcher.sawBuild(), "a build was seen in pg_stat_progress_create_index");
        assertTrue(watcher.insertsDuringBuilds() > 0, "rows were written while the partitions' indexes were built: "
                + watcher.insertsDuringBuilds());
        assertEquals(online.inserts.get(), db.queryLong("SELECT count(*) FROM events WHERE payload = 'written'"),
                "every insert the writer saw succeed is in the table");

        Writer plain = new Writer(db);
        long plainBuildMs;
        try {
            plain.start();
            long start = System.nanoTime();
            db.execute("CREATE INDEX ix_plain ON events (payload, id)");
            plainBuildMs = (System.nanoTime() - start) / 1_000_000;
        } finally {
            plain.stop();
        }
        // For the reader, not asserted (speed lives in bench/): how long the writer waited in either case.
        System.out.printf("partitioned build by idxmig: %d inserts (%d while a build ran), longest insert %d ms; "
                        + "plain CREATE INDEX (%d ms): %d inserts, longest insert %d ms%n", online.inserts.get(),
                watcher.insertsDuringBuilds(), online.longestMs.get(), plainBuildMs, plain.inserts.get(),
                plain.longestMs.get());
    }

    /**
     * Watches {@code pg_stat_progress_create_index} on its own connection and notes the writer's insert count the
     * first and the last time a build of {@code events}' partitions is in progress: the inserts between the two
     * finished while builds were running.
     */
    private static final class BuildWatcher {
        private final PgDatabase db;
        private final Writer writer;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong first = new AtomicLong(-1);
        private final AtomicLong last = new AtomicLong(-1);
        private Thread thread;
        private volatile Exception failure;

        BuildWatcher(PgDatabase db, Writer writer) {
            this.db = db;
            this.writer = writer;
        }

        void start() {
            thread = new Thread(() -> {
                try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM pg_stat_progress_create_index p JOIN pg_class t ON t.oid = p.relid "
                                + "WHERE p.datname = current_database() AND t.relname LIKE 'events_r%'")) {
                    while (running.get()) {
                        long before = writer.inserts.get();
                        boolean building;
                        try (ResultSet rs = ps.executeQuery()) {
                            building = rs.next() && rs.getLong(1) > 0;
                        }
                        if (building) {
                            first.compareAndSet(-1, before);
                            last.set(writer.inserts.get());
                        }
                    }
                } catch (Exception e) {
                    failure = e;
                }
            });
            thread.start();
        }

        void stop() throws Exception {
            running.set(false);
            thread.join(30_000);
            if (failure != null) {
                throw failure;
            }
        }

        boolean sawBuild() {
            return first.get() >= 0;
        }

        long insertsDuringBuilds() {
            return sawBuild() ? last.get() - first.get() : 0;
        }
    }

    /** Inserts one row at a time through the parent, as fast as it can, and keeps the longest insert's time. */
    private static final class Writer {
        private final PgDatabase db;
        final AtomicLong inserts = new AtomicLong();
        final AtomicLong longestMs = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread thread;
        private volatile Exception failure;

        Writer(PgDatabase db) {
            this.db = db;
        }

        void start() throws InterruptedException {
            AtomicBoolean started = new AtomicBoolean();
            thread = new Thread(() -> {
                try (Connection c = db.connect();
                     PreparedStatement ps = c.prepareStatement("INSERT INTO events VALUES (?, ?, 'written')")) {
                    long id = 10_000_000;
                    while (running.get()) {
                        ps.setLong(1, id);
                        ps.setInt(2, (int) (1 + id % 3));
                        long t = System.nanoTime();
                        ps.executeUpdate();
                        longestMs.accumulateAndGet((System.nanoTime() - t) / 1_000_000, Math::max);
                        inserts.incrementAndGet();
                        started.set(true);
                        id++;
                    }
                } catch (Exception e) {
                    failure = e;
                    started.set(true);
                }
            });
            thread.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!started.get() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }

        void stop() throws Exception {
            running.set(false);
            thread.join(30_000);
            if (failure != null) {
                throw failure;
            }
        }
    }
}
