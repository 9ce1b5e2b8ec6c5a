package dev.idxmig.fleet;

import dev.idxmig.config.ConnectionSettings;
import dev.idxmig.db.Database;
import dev.idxmig.base.Diagnostics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("sqlite")
class SchemaBatchesTest {
    @TempDir
    Path dir;

    private Database database;
    private final List<List<String>> reads = Collections.synchronizedList(new ArrayList<>());
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void open() {
        database = Database.open(connection("a.db"), Optional.empty());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private ConnectionSettings connection(String file) {
        return new ConnectionSettings("jdbc:sqlite:" + dir.resolve(file), Optional.empty(), Optional.empty());
    }

    private List<Target> targets(ConnectionSettings connection, String... schemas) {
        List<Target> targets = new ArrayList<>();
        for (String s : schemas) {
            targets.add(new Target(s, connection, s, List.of("migrations"), false));
        }
        return targets;
    }

    /** Each schema's part is "part of <schema>"; every read is recorded. */
    private Map<String, String> read(List<String> schemas) {
        reads.add(List.copyOf(schemas));
        Map<String, String> parts = new LinkedHashMap<>();
        schemas.forEach(s -> parts.put(s, "part of " + s));
        return parts;
    }

    private Optional<String> take(SchemaBatches<String> batches, Target target) {
        return batches.take(database, target, new Diagnostics() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
            }

            @Override
            public void detail(String message) {
                notes.add(message);
            }
        });
    }

    @Test
    void eachWorkerGetsABatchInTargetOrderAndEachBatchIsReadOnce() {
        List<Target> targets = targets(connection("a.db"), "t1", "t2", "t3", "t4", "t5");
        SchemaBatches<String> batches = new SchemaBatches<>(targets, 2, (db, c, schemas) -> read(schemas));
        for (Target t : targets) {
            assertEquals(Optional.of("part of " + t.schema()), take(batches, t));
        }
        assertEquals(List.of(List.of("t1", "t2", "t3"), List.of("t4", "t5")), reads);
    }

    @Test
    void batchesHaveAMostSizeAndDatabasesAreBatchedApart() {
        List<Target> targets = targets(connection("a.db"), "t1", "t2", "t3");
        targets.addAll(targets(connection("b.db"), "t4"));
        SchemaBatches<String> batches = new SchemaBatches<>(targets, 1, 2, (db, c, schemas) -> read(schemas));
        targets.forEach(t -> take(batches, t));
        assertEquals(List.of(List.of("t1", "t2"), List.of("t3"), List.of("t4")), reads);
    }

    @Test
    void aTargetTakesItsPartOnceThenTheBatchIsLetGo() {
        List<Target> targets = targets(connection("a.db"), "t1", "t2");
        SchemaBatches<String> batches = new SchemaBatches<>(targets, 1, (db, c, schemas) -> read(schemas));
        assertEquals(Optional.of("part of t1"), take(batches, targets.get(0)));
        assertEquals(Optional.of("part of t2"), take(batches, targets.get(1)));
        assertEquals(Optional.empty(), take(batches, targets.get(1)), "read alone after the batch is gone");
        assertEquals(Optional.empty(), take(batches, targets(connection("a.db"), "elsewhere").get(0)));
        assertEquals(1, reads.size());
    }

    @Test
    void aBatchThatCannotBeReadLeavesItsTargetsToReadAlone() {
        List<Target> targets = targets(connection("a.db"), "t1", "t2", "t3", "t4");
        SchemaBatches<String> batches = new SchemaBatches<>(targets, 2, (db, c, schemas) -> {
            if (schemas.contains("t2")) {
                throw new SQLException("permission denied for table idxmig_index_ledger");
            }
            return read(schemas);
        });
        assertEquals(Optional.empty(), take(batches, targets.get(0)));
        assertEquals(Optional.empty(), take(batches, targets.get(1)));
        assertEquals(Optional.of("part of t3"), take(batches, targets.get(2)));
        assertEquals(1, notes.size(), notes::toString);
        assertTrue(notes.get(0).contains("reading 2 schemas at once failed (permission denied"), notes::toString);
    }

    @Test
    void aWorkerThatWouldWaitForABatchReadsTheNextOne() throws Exception {
        List<Target> targets = targets(connection("a.db"), "t1", "t2", "t3", "t4");
        Thread waitingWorker = Thread.currentThread();
        CountDownLatch firstBatchStarted = new CountDownLatch(1);
        CountDownLatch secondBatchRead = new CountDownLatch(1);
        List<String> readers = Collections.synchronizedList(new ArrayList<>());
        SchemaBatches<String> batches = new SchemaBatches<>(targets, 2, (db, c, schemas) -> {
            readers.add(schemas.get(0) + (Thread.currentThread() == waitingWorker ? " by the waiting worker"
                    : " by the first worker"));
            if (schemas.contains("t1")) {
                firstBatchStarted.countDown();
                // Finishes only once the other worker has read the second batch ahead.
                assertTrue(await(secondBatchRead), "the second batch was not read ahead");
            } else {
                secondBatchRead.countDown();
            }
            return read(schemas);
        });
        CompletableFuture<Optional<String>> first = CompletableFuture.supplyAsync(() -> take(batches, targets.get(0)));
        assertTrue(await(firstBatchStarted));
        assertEquals(Optional.of("part of t2"), take(batches, targets.get(1)));
        assertEquals(Optional.of("part of t1"), first.get(30, TimeUnit.SECONDS));
        assertEquals(List.of("t1 by the first worker", "t3 by the waiting worker"), readers);
        assertEquals(Optional.of("part of t3"), take(batches, targets.get(2)));
        assertEquals(2, reads.size(), "nothing read twice");
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
