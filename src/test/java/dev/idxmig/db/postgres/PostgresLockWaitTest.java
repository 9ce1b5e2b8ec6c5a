package dev.idxmig.db.postgres;

import dev.idxmig.db.IndexBuilds;
import dev.idxmig.testing.PgDatabase;
import dev.idxmig.testing.PostgresExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * How long a session has waited for a lock: from pg_locks.waitstart (PostgreSQL 14+) and, for PostgreSQL 13, timed
 * by idxmig from the first poll that saw the wait. Both run here against the real server.
 */
@ExtendWith(PostgresExtension.class)
@Tag("postgres")
class PostgresLockWaitTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private interface Probe {
        Optional<IndexBuilds.Wait> get() throws SQLException;
    }

    /** Polls until the wait is at least {@code atLeast} long; fails at the deadline. */
    private static IndexBuilds.Wait pollUntil(Probe probe, Duration atLeast) throws SQLException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<IndexBuilds.Wait> w = probe.get();
            if (w.isPresent() && "Lock".equals(w.get().type()) && w.get().waited().compareTo(atLeast) >= 0) {
                return w.get();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return fail("no lock wait of " + atLeast + " seen within " + DEADLINE);
    }

    @Test
    void aLockWaitIsTimedWithAndWithoutWaitstart(PgDatabase db) throws Exception {
        db.execute("CREATE TABLE waited_on (x int)");
        PostgresDialect dialect = new PostgresDialect();
        PostgresIndexBuilds withWaitstart = new PostgresIndexBuilds(dialect, true);
        PostgresIndexBuilds postgres13 = new PostgresIndexBuilds(dialect, false);
        try (Connection holder = db.connect(); Connection waiter = db.connect(); Connection observer = db.connect()) {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.execute("LOCK TABLE waited_on IN ACCESS EXCLUSIVE MODE");
            }
            long pid = withWaitstart.backendPid(waiter);
            CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
                try (Statement st = waiter.createStatement()) {
                    st.execute("SELECT count(*) FROM waited_on");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });

            IndexBuilds.Wait timedHere = pollUntil(() -> postgres13.waiting(observer, pid), Duration.ofMillis(300));
            assertEquals("relation", timedHere.event());
            assertTrue(timedHere.forTableLock(), timedHere::toString);
            IndexBuilds.Wait byServer = pollUntil(() -> withWaitstart.waiting(observer, pid), Duration.ZERO);
            assertTrue(byServer.waited().compareTo(timedHere.waited()) >= 0,
                    "the server saw the wait begin no later than idxmig's first poll: " + byServer + " / "
                            + timedHere);
            assertTrue(postgres13.waiting(observer, pid).orElseThrow().waited().compareTo(timedHere.waited()) >= 0,
                    "the same wait keeps its start");

            // A retry is a new statement on the same session: its wait starts over, not from the first one's start.
            try (Statement cancel = observer.createStatement()) {
                cancel.execute("SELECT pg_cancel_backend(" + pid + ")");
            }
            assertTrue(blocked.handle((ok, failed) -> failed != null).get(DEADLINE.toSeconds(), TimeUnit.SECONDS),
                    "the first statement was cancelled");
            CompletableFuture<Void> retry = CompletableFuture.runAsync(() -> {
                try (Statement st = waiter.createStatement()) {
                    st.execute("SELECT count(*) FROM waited_on");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            IndexBuilds.Wait again = pollUntil(() -> postgres13.waiting(observer, pid), Duration.ZERO);
            assertTrue(again.waited().compareTo(timedHere.waited()) < 0,
                    "the retry's wait is timed from its own start: " + again + " / " + timedHere);

            holder.rollback();
            retry.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            Optional<IndexBuilds.Wait> after = postgres13.waiting(observer, pid);
            assertTrue(after.isEmpty() || !"Lock".equals(after.get().type()), after::toString);
        }
    }
}
