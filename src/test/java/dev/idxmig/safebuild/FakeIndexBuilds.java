package dev.idxmig.safebuild;

import dev.idxmig.db.IndexBuilds;
import dev.idxmig.db.SqlFailures;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link IndexBuilds} in memory, for the safe-build decisions: one schema's indexes (valid or not), indexes whose
 * drop waits for a lock (and times out), sessions holding locks, and the session settings applied, in order.
 * Connections are not looked at (tests pass {@code null}).
 */
final class FakeIndexBuilds implements IndexBuilds {
    final Map<String, Index> indexes = new LinkedHashMap<>();
    final Set<String> lockedDrops = new LinkedHashSet<>();
    final List<Blocker> holders = new ArrayList<>();
    final List<Map<String, String>> applied = new ArrayList<>();
    final List<String> dropped = new ArrayList<>();

    FakeIndexBuilds index(String name, boolean valid, String shape) {
        indexes.put(name, new Index("app", name, valid, "CREATE INDEX " + name + " ON app.t " + shape, shape));
        return this;
    }

    FakeIndexBuilds dropWaitsForALock(String name) {
        lockedDrops.add(name);
        return this;
    }

    FakeIndexBuilds heldBy(long pid) {
        holders.add(new Blocker(pid, "app", "psql", "idle in transaction", Duration.ofSeconds(5), "BEGIN"));
        return this;
    }

    static Table table() {
        return new Table(1, "app", "t", 8192, false, List.of());
    }

    @Override
    public void applySession(Connection c, Map<String, String> settings) {
        applied.add(Map.copyOf(settings));
    }

    @Override
    public void resetSession(Connection c, Set<String> names) {
    }

    @Override
    public long backendPid(Connection c) {
        return 100;
    }

    @Override
    public Optional<Table> table(Connection c, String schema, String written) {
        return Optional.of(table());
    }

    @Override
    public Optional<Table> tableOfIndex(Connection c, String schema, String written) {
        return Optional.of(table());
    }

    @Override
    public Optional<Index> index(Connection c, Table table, String name) {
        return Optional.ofNullable(indexes.get(name));
    }

    @Override
    public List<String> invalidIndexes(Connection c, Table table) {
        return indexes.values().stream().filter(i -> !i.valid()).map(Index::name).toList();
    }

    @Override
    public List<String> invalidIndexesAfter(Connection c, Table table, Optional<String> name) {
        return invalidIndexes(c, table);
    }

    @Override
    public void dropIndex(Connection c, String schema, String name) throws SQLException {
        if (lockedDrops.contains(name)) {
            throw new SQLException("canceling statement due to lock timeout", SqlFailures.LOCK_NOT_AVAILABLE);
        }
        indexes.remove(name);
        dropped.add(name);
    }

    @Override
    public String shapeOf(Connection c, Table table, boolean unique, String rest) {
        return (unique ? "UNIQUE " : "") + rest;
    }

    @Override
    public Optional<Wait> waiting(Connection observer, long pid) {
        return Optional.empty();
    }

    @Override
    public List<Blocker> blockers(Connection observer, long pid) {
        return List.of();
    }

    @Override
    public List<Blocker> lockHolders(Connection observer, Table table, long except) {
        return holders.stream().filter(b -> b.pid() != except).toList();
    }

    @Override
    public Optional<Progress> progress(Connection observer, long pid) {
        return Optional.empty();
    }

    @Override
    public void cancel(Connection observer, long pid) {
    }
}
