package io.github.camelparallel.dispatch;

/**
 * Marks the shared timer's threads while they run one of our callbacks (a deadline, a batch timeout, a retry
 * delay). A batch that completes on a timer thread hands its continuation to another executor, so a route's
 * downstream steps never occupy the one timer every pool depends on. Thread-safe (thread-confined state).
 */
public final class TimerThreads {

    private static final ThreadLocal<Boolean> ON_TIMER = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private TimerThreads() {
    }

    /** Wraps a timer callback so {@link #onTimer()} is true while it runs. */
    public static Runnable wrap(Runnable callback) {
        return () -> {
            ON_TIMER.set(Boolean.TRUE);
            try {
                callback.run();
            } finally {
                ON_TIMER.set(Boolean.FALSE);
            }
        };
    }

    public static boolean onTimer() {
        return ON_TIMER.get();
    }
}
