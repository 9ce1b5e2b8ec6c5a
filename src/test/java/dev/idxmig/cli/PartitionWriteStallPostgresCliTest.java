package dev.idxmig.cli;

import dev.idxmig.testing.CliResult;
import dev.idxmig.testing.ExampleProject;
import dev.idxmig.testing.Idxmig;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Writers keep writing while idxmig builds an index on a partitioned table: a writer inserting through the parent
 * all along sees no stall longer than the short per-step locks (ON ONLY, ATTACH). For contrast, the same index
 * built the plain way blocks it for the whole build. Both are printed; only the first is asserted, loosely.
 */
@ExtendWith(PostgresExtension.class)
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
        CliResult r;
        try {
            online.start();
            r = idxmig.run("migrate", "--no-backup", "--no-verify");
        } finally {
            online.stop();
        }
        assertEquals(0, r.exitCode(), r::toString);

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
        System.out.printf("partitioned build by idxmig: %d inserts, longest insert %d ms; plain CREATE INDEX "
                        + "(%d ms): %d inserts, longest insert %d ms%n", online.inserts.get(), online.longestMs.get(),
                plainBuildMs, plain.inserts.get(), plain.longestMs.get());
        assertTrue(online.inserts.get() > 0, "the writer wrote during the build");
        assertTrue(online.longestMs.get() < 1000, "longest insert during the partitioned build: "
                + online.longestMs.get() + " ms");
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
