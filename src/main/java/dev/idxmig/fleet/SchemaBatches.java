package dev.idxmig.fleet;

import dev.idxmig.db.Database;
import dev.idxmig.base.Diagnostics;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the targets of a fleet run read from their database, read for a batch of schemas at a time: the same few
 * queries per batch instead of per target. Over hundreds of schemas in one database, per-target round trips (and
 * catalog scans that grow with the number of schemas) were most of a read-only fleet run's time.
 *
 * <p>Batches follow the target order, which is the order {@link FleetRunner} starts targets in. The first target
 * of a batch to ask reads it. A worker that would wait for a batch another worker is reading reads one of the
 * next batches instead, so the server reads on as many connections as before batching (the catalog functions'
 * cost per index is the bulk of the work, and one connection uses one core). A batch is let go once its last
 * target has taken its part, and reading ahead stays within {@code parallel} batches, so memory stays flat in
 * the number of targets. A batch whose read fails gives its targets nothing: each then reads its own schema
 * alone, and the failure (a ledger it may not read, say) stays that target's own.
 */
public final class SchemaBatches<T> {
    /** Most schemas read at once: a few megabytes of catalog at 50 indexes a schema. */
    static final int MAX_SIZE = 100;

    /** Reads many schemas of one database; every schema asked for is a key of the result. */
    public interface Reader<T> {
        Map<String, T> read(Database database, Connection connection, List<String> schemas) throws SQLException;
    }

    private final Reader<T> reader;
    private final int readAhead;
    private final Map<String, Batch<T>> byTarget = new HashMap<>();

    /**
     * @param parallel the fleet run's {@code --parallel}: the batches come in waves of one per worker, each of
     *                 at most {@link #MAX_SIZE} schemas
     */
    public SchemaBatches(List<Target> targets, int parallel, Reader<T> reader) {
        this(targets, parallel, MAX_SIZE, reader);
    }

    SchemaBatches(List<Target> targets, int parallel, int maxSize, Reader<T> reader) {
        this.reader = reader;
        this.readAhead = Math.max(0, parallel - 1);
        Map<String, Map<String, Integer>> byDatabase = new LinkedHashMap<>(); // database -> schema -> targets
        targets.forEach(t -> byDatabase.computeIfAbsent(t.databaseKey(), k -> new LinkedHashMap<>())
                .merge(t.schema(), 1, Integer::sum));
        byDatabase.forEach((database, schemas) -> {
            List<String> names = new ArrayList<>(schemas.keySet());
            // Waves of one batch per worker, as few waves as the most size allows, batches of even size.
            int workers = Math.max(1, parallel);
            int waves = (names.size() + workers * maxSize - 1) / (workers * maxSize);
            int size = Math.max(1, (names.size() + waves * workers - 1) / (waves * workers));
            List<Batch<T>> inDatabase = new ArrayList<>();
            for (int from = 0; from < names.size(); from += size) {
                List<String> part = names.subList(from, Math.min(from + size, names.size()));
                Batch<T> batch = new Batch<>(part, part.stream().mapToInt(schemas::get).sum(), inDatabase,
                        inDatabase.size());
                inDatabase.add(batch);
                part.forEach(schema -> byTarget.put(database + "|" + schema, batch));
            }
        });
    }

    /**
     * The target's part of its batch, reading the batch on first use; empty when the target was not in the list
     * or the batch could not be read (then the caller reads the schema alone, as a single-target run does).
     */
    public Optional<T> take(Database database, Target target, Diagnostics diagnostics) {
        Batch<T> batch = byTarget.get(target.databaseKey() + "|" + target.schema());
        if (batch == null) {
            return Optional.empty();
        }
        if (batch.claim()) {
            batch.read(database, reader, diagnostics);
        }
        while (batch.beingRead()) {
            Optional<Batch<T>> ahead = batch.claimAhead(readAhead);
            if (ahead.isEmpty()) {
                break;
            }
            ahead.get().read(database, reader, diagnostics);
        }
        return batch.take(target.schema());
    }

    private static final class Batch<T> {
        private enum State { UNREAD, READING, READ, FAILED, GONE }

        private final List<String> schemas;
        private final List<Batch<T>> inDatabase; // the database's batches in target order, this one among them
        private final int position;
        private int untaken;
        private State state = State.UNREAD;
        private Map<String, T> parts;

        Batch(List<String> schemas, int targets, List<Batch<T>> inDatabase, int position) {
            this.schemas = List.copyOf(schemas);
            this.untaken = targets;
            this.inDatabase = inDatabase;
            this.position = position;
        }

        /** Whether the caller is the one to read this batch. */
        synchronized boolean claim() {
            if (state != State.UNREAD) {
                return false;
            }
            state = State.READING;
            return true;
        }

        synchronized boolean beingRead() {
            return state == State.READING;
        }

        /** Claims the first unread batch among the next {@code window} after this one, to read while this one is. */
        Optional<Batch<T>> claimAhead(int window) {
            for (int i = position + 1; i < Math.min(inDatabase.size(), position + 1 + window); i++) {
                if (inDatabase.get(i).claim()) {
                    return Optional.of(inDatabase.get(i));
                }
            }
            return Optional.empty();
        }

        void read(Database database, Reader<T> reader, Diagnostics diagnostics) {
            Map<String, T> read = null;
            try (Connection c = database.connect()) {
                read = reader.read(database, c, schemas);
            } catch (SQLException | RuntimeException e) {
                diagnostics.detail("reading " + schemas.size() + " schemas at once failed ("
                        + database.masker().mask(String.valueOf(e.getMessage())) + "); reading them one at a time");
            }
            synchronized (this) {
                parts = read;
                state = read == null ? State.FAILED : State.READ;
                notifyAll();
            }
        }

        synchronized Optional<T> take(String schema) {
            while (state == State.READING) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
            Optional<T> part = state == State.READ ? Optional.ofNullable(parts.get(schema)) : Optional.empty();
            if (--untaken == 0) {
                parts = null; // every target of the batch has its part: let the batch go
                state = State.GONE;
            }
            return part;
        }
    }
}
