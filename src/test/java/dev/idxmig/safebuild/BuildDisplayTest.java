package dev.idxmig.safebuild;

import dev.idxmig.base.Diagnostics;
import dev.idxmig.db.IndexBuilds;
import dev.idxmig.script.IndexStatement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The build display shows a wait as a wait, with live durations, on a terminal and off it. */
@Tag("unit")
class BuildDisplayTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final List<String> drawn = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();

    private BuildDisplay display(boolean terminal) {
        Diagnostics diagnostics = new Diagnostics() {
            @Override
            public void info(String message) {
                lines.add(message);
            }

            @Override
            public void warn(String message) {
                lines.add("warning: " + message);
            }

            @Override
            public void detail(String message) {
            }

            @Override
            public boolean terminal() {
                return terminal;
            }

            @Override
            public void redraw(String line, boolean done) {
                if (!done) {
                    drawn.add(line);
                }
            }
        };
        IndexStatement statement = IndexStatement.parse("CREATE INDEX CONCURRENTLY idx_w ON w (a)").orElseThrow();
        return new BuildDisplay(diagnostics, statement, "idx_w on public.w", nanos::get);
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private static IndexBuilds.Progress phase(String phase) {
        return new IndexBuilds.Progress("CREATE INDEX CONCURRENTLY", phase, 0, 0, 0, 0, 0, 1, 4711);
    }

    private static IndexBuilds.Blocker blocker(long activeSeconds) {
        return new IndexBuilds.Blocker(4711, "app", "billing", "idle in transaction", Duration.ofSeconds(activeSeconds),
                "SELECT 1");
    }

    @Test
    void aBuildWaitingInItsLastPhaseIsAWaitNotNinetyNinePercent() {
        BuildDisplay display = display(true);
        advance(Duration.ofSeconds(2));
        IndexBuilds.Wait wait = new IndexBuilds.Wait("Lock", "virtualxid", Duration.ofSeconds(3));
        display.update(Optional.of(phase("waiting for old snapshots")), Optional.of(wait), List.of(blocker(5)));
        String line = drawn.get(drawn.size() - 1);
        assertTrue(line.contains("waiting 3.0s for older transactions to end, blocked by pid 4711 "
                + "(idle in transaction for 5s)"), line);
        assertFalse(line.contains("%"), "no percentage while waiting: " + line);
        assertTrue(line.contains("[#####################..."), "the bar stops where the work stopped: " + line);

        advance(Duration.ofSeconds(4));
        wait = new IndexBuilds.Wait("Lock", "virtualxid", Duration.ofSeconds(7));
        display.update(Optional.of(phase("waiting for old snapshots")), Optional.of(wait), List.of(blocker(9)));
        line = drawn.get(drawn.size() - 1);
        assertTrue(line.contains("waiting 7.0s") && line.contains("for 9s)"), "live durations: " + line);
    }

    @Test
    void aWaitingPhaseWithoutALockRowIsTimedFromWhenItBegan() {
        BuildDisplay display = display(false);
        display.update(Optional.of(phase("building index")), Optional.empty(), List.of());
        advance(Duration.ofSeconds(2));
        display.update(Optional.of(phase("waiting for readers before marking dead")), Optional.empty(), List.of());
        advance(Duration.ofSeconds(6));
        display.update(Optional.of(phase("waiting for readers before marking dead")), Optional.empty(), List.of());
        assertEquals(2, lines.size(), lines::toString);
        assertTrue(lines.get(1).contains("waiting 6.0s for other transactions"), lines::toString);
    }

    @Test
    void workIsStillAPercentage() {
        BuildDisplay display = display(true);
        advance(Duration.ofSeconds(2));
        display.update(Optional.of(new IndexBuilds.Progress("CREATE INDEX CONCURRENTLY", "building index: scanning table",
                50, 100, 0, 0, 0, 0, 0)), Optional.empty(), List.of());
        String line = drawn.get(drawn.size() - 1);
        assertTrue(line.contains("% phase 3 of 8 building index: scanning table 50% of 100 blocks"), line);
        assertFalse(line.contains("waiting"), line);
    }

    @Test
    void aTableLockWaitIsNamedOnceAndTheLineAddsTheTimeOnce() {
        String phase = display(false).phase(Optional.empty(),
                Optional.of(new IndexBuilds.Wait("Lock", "relation", Duration.ofMillis(1000))));
        assertEquals("waiting for the table lock", phase);
    }
}
