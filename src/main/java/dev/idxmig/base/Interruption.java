package dev.idxmig.base;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process-wide "stop after the running statement" request of a first Ctrl-C or SIGTERM. The command line's
 * signal handler raises it; services that change the database check it between statements and stop there, and
 * a running statement that only waits (for a lock, for older transactions) is cancelled by whoever watches it.
 * Work that has no safe point of its own (reads, reports) does not open a {@link #guard()}, so a signal during it
 * ends the process at once.
 */
public final class Interruption {
    private static final AtomicBoolean REQUESTED = new AtomicBoolean();
    private static final AtomicInteger GUARDS = new AtomicInteger();
    private static final List<Runnable> LISTENERS = new CopyOnWriteArrayList<>();

    private Interruption() {
    }

    /** Whether a stop was asked for. */
    public static boolean requested() {
        return REQUESTED.get();
    }

    /** Whether some work is running that stops by itself at a safe point (then a first signal must not kill). */
    public static boolean guarded() {
        return GUARDS.get() > 0;
    }

    /** Asks the guarded work to stop at its next safe point; tells the listeners (once). */
    public static void request() {
        if (REQUESTED.compareAndSet(false, true)) {
            LISTENERS.forEach(Runnable::run);
        }
    }

    /** A registration that ends when closed; closing never fails. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Marks a stretch of work that checks {@link #requested()} at its safe points. */
    public static Registration guard() {
        GUARDS.incrementAndGet();
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                GUARDS.decrementAndGet();
            }
        };
    }

    /** Runs {@code listener} when a stop is asked for (at once, if it already was), until the result is closed. */
    public static Registration onRequest(Runnable listener) {
        LISTENERS.add(listener);
        if (REQUESTED.get()) {
            listener.run();
        }
        return () -> LISTENERS.remove(listener);
    }

    /** The error a service throws at a safe point after a stop was asked for. */
    public static IdxmigException stopped(String message, String hint) {
        return new IdxmigException(Failure.INTERRUPTED, message, hint);
    }
}
