package dev.idxmig.cli;

import dev.idxmig.base.Failure;
import dev.idxmig.fleet.TargetOutcome;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fleet's progress board: its lines, and how the console keeps it below everything printed on a terminal. */
@Tag("unit")
class FleetProgressTest {
    private final AtomicLong nanos = new AtomicLong();

    private void advance(double seconds) {
        nanos.addAndGet((long) (seconds * 1e9));
    }

    @Test
    void aLinePerRunningTargetThenTheOverallBar() {
        FleetProgress p = new FleetProgress(4, nanos::get);
        p.started("tenant_a");
        advance(1.5);
        p.started("tenant_b");
        advance(0.5);
        assertEquals(List.of("  running  tenant_a  2.0s", "  running  tenant_b  0.5s",
                "[..............................] 0/4 targets  2.0s"), p.lines());

        p.finished(TargetOutcome.ok("tenant_a", "up to date", "report"));
        p.finished(TargetOutcome.failed("tenant_b", Failure.OPERATION, "boom", Optional.empty()));
        assertEquals(List.of("[###############...............] 2/4 targets: 1 ok, 1 failed  2.0s"), p.lines());
    }

    @Test
    void manyRunningTargetsAreSummedUp() {
        FleetProgress p = new FleetProgress(20, nanos::get);
        for (int i = 0; i < 12; i++) {
            p.started("t" + i);
        }
        List<String> lines = p.lines();
        assertEquals(FleetProgress.MAX_RUNNING_LINES + 2, lines.size());
        assertEquals("  ... and 4 more running", lines.get(FleetProgress.MAX_RUNNING_LINES));
    }

    @Test
    void onATerminalPrintedLinesGoAboveTheBoardWhichIsErasedAtTheEnd() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Console console = new Console(new PrintWriter(out), new PrintWriter(err), true, false);
        console.startLive(() -> List.of("board 1", "board 2"));
        console.info("a line");
        console.above(() -> console.out().println("a report line"));
        console.endLive();
        String board = "\u001b[?7l" + "board 1\nboard 2\n" + "\u001b[?7h"; // drawn with autowrap off
        assertEquals(board
                + "\u001b[2F\u001b[J" + "a line\n"  // erased, the line printed where it was
                + board                               // drawn again below it
                + "\u001b[2F\u001b[J"               // out of the way of stdout
                + board
                + "\u001b[2F\u001b[J", err.toString().replace(System.lineSeparator(), "\n"));
        assertEquals("a report line\n", out.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void offATerminalThereIsNoBoardAtAll() {
        StringWriter err = new StringWriter();
        Console console = new Console(new PrintWriter(new StringWriter()), new PrintWriter(err), false, false);
        console.startLive(() -> List.of("board"));
        console.info("a line");
        console.refreshLive();
        console.endLive();
        assertEquals("a line\n", err.toString().replace(System.lineSeparator(), "\n"));
        assertFalse(err.toString().contains("\u001b"));
        assertTrue(err.toString().contains("a line"));
    }
}
