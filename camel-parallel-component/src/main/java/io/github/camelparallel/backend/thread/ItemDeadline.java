package io.github.camelparallel.backend.thread;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A per-attempt deadline for one item running on the current thread ({@code taskTimeout}).
 * <p>
 * States: RUNNING → DONE (the item returned in time: {@link #disarm()} returns true) or RUNNING → EXPIRED (the
 * timer fired first: the running thread is interrupted, {@code onExpire} reports the timeout, and
 * {@link #disarm()} returns false and clears that interrupt so it cannot hit the thread's next item).
 * The transition happens under {@code this}, and the interrupt and the report are delivered inside it, which is what
 * makes the clearing in {@link #disarm()} reliable and orders the report before the runner's next step. Thread-safe.
 */
public final class ItemDeadline {

    private enum State { RUNNING, DONE, EXPIRED }

    private final Thread thread;
    private final Runnable onExpire;
    private ScheduledFuture<?> timer; // written once in arm(), before anyone else can see this object's timer
    private State state = State.RUNNING; // guarded by this

    private ItemDeadline(Thread thread, Runnable onExpire) {
        this.thread = thread;
        this.onExpire = onExpire;
    }

    /** Arms a deadline for the item about to run on the current thread. */
    public static ItemDeadline arm(ScheduledExecutorService scheduler, long timeoutMillis, Runnable onExpire) {
        ItemDeadline deadline = new ItemDeadline(Thread.currentThread(), onExpire);
        deadline.timer = scheduler.schedule(deadline::expire, timeoutMillis, TimeUnit.MILLISECONDS);
        return deadline;
    }

    private synchronized void expire() {
        if (state != State.RUNNING) {
            return;
        }
        state = State.EXPIRED;
        thread.interrupt();
        // reported under the monitor: disarm() cannot return (and the runner cannot report its chunk done) before
        // the timeout is on record. onExpire never takes this monitor, so no lock cycle.
        onExpire.run();
    }

    /**
     * Called by the running thread when the item returned.
     *
     * @return true if the item finished in time; false if it had already expired (its result must be discarded)
     */
    public boolean disarm() {
        boolean inTime;
        synchronized (this) {
            inTime = state == State.RUNNING;
            if (inTime) {
                state = State.DONE;
            }
        }
        if (inTime) {
            timer.cancel(false);
        } else {
            Thread.interrupted(); // the interrupt was ours, for the expired item only
        }
        return inTime;
    }
}
