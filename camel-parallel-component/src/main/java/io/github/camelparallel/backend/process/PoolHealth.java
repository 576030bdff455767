package io.github.camelparallel.backend.process;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The process pool's health: how many workers were replaced (in all, and within the crash-loop window), whether the
 * worker command is useless ({@link UselessWorkers}), and the cause that broke the pool, if any.
 * <p>
 * <b>States.</b> HEALTHY → BROKEN ({@link #broken}: the workers cannot start, speak another protocol, were not ready in
 * time, or keep failing before they are of any use); a broken pool stays broken until it is stopped, and its jobs fail
 * with {@link #brokenCause()}. Apart from that, the pool is reported down while {@value #CRASH_LOOP_RESTARTS} or more
 * workers were replaced within the last ten seconds (a crash loop).
 * <p>
 * Not thread-safe: guarded by the pool's lock.
 */
final class PoolHealth {

    /** Workers replaced within the crash-loop window that make the pool unhealthy (a crash loop). */
    static final int CRASH_LOOP_RESTARTS = 3;
    private static final long CRASH_WINDOW_NANOS = 10_000_000_000L;

    private final ProcessPoolSettings settings;
    private final UselessWorkers useless;
    private final ArrayDeque<Long> recentRestarts = new ArrayDeque<>();
    private long restarts;
    private RuntimeException brokenCause;

    PoolHealth(ProcessPoolSettings settings) {
        this.settings = settings;
        this.useless = new UselessWorkers(settings.poolSize());
    }

    /** The cause that broke the pool, or null while it is not broken. */
    RuntimeException brokenCause() {
        return brokenCause;
    }

    boolean isBroken() {
        return brokenCause != null;
    }

    /** The pool is broken: its queued and later jobs fail with {@code cause}. */
    void broken(RuntimeException cause) {
        brokenCause = cause;
    }

    /** A worker died or was killed, and is replaced. */
    void countRestart() {
        restarts++;
        recentRestarts.addLast(System.nanoTime());
        forgetOldRestarts();
    }

    long restarts() {
        return restarts;
    }

    /** A worker said hello: the command can start. */
    void saidHello() {
        useless.saidHello();
    }

    /** A worker completed a run: the command can speak the protocol. */
    void completedARun() {
        useless.completedARun();
    }

    /**
     * A worker exited on its own before hello: its set-up is broken (missing class, failing initializer); a few in a
     * row break the pool instead of respawning forever (Python's gh-87472). Returns the text to log.
     */
    String exitedBeforeHello(String exit, List<String> lastStderrLines) {
        int inARow = useless.exitedBeforeHello();
        String why = "worker command '" + settings.command() + "' of parallel:" + settings.poolName()
                + " exited before it was ready (" + exit + "); its last stderr lines: " + lastStderrLines;
        if (inARow >= useless.limit()) {
            brokenCause = new IllegalStateException(why);
        }
        return why;
    }

    /** A worker closed its stdout before hello and kept running: it counts as one that exited before hello. */
    void closedStdoutBeforeHello(List<String> lastStderrLines) {
        if (useless.exitedBeforeHello() >= useless.limit()) {
            brokenCause = new IllegalStateException("worker command '" + settings.command() + "' of parallel:"
                    + settings.poolName() + " closed its stdout before it was ready; its last stderr lines: "
                    + lastStderrLines);
        }
    }

    /**
     * A worker broke the protocol before it ever completed a run: it counts toward breaking the pool, like one that
     * exits before hello; otherwise a worker command that writes anything but frames on stdout is restarted forever,
     * and a batch whose jobs no worker ever takes never ends. Returns the streak for the log line.
     */
    String brokeTheProtocolBeforeARun(String problem) {
        int inARow = useless.brokeTheProtocolBeforeARun();
        if (inARow >= useless.limit()) {
            brokenCause = new IllegalStateException("worker command '" + settings.command() + "' of parallel:"
                    + settings.poolName() + " broke the worker protocol before completing a run, " + inARow
                    + " workers in a row; the last one: " + problem + ". A worker's stdout must carry protocol lines"
                    + " only (docs/worker-protocol.md): write logs, banners and prints to stderr");
        }
        return " (" + inARow + " of " + useless.limit() + " in a row before completing a run)";
    }

    /**
     * Why the pool is down, or null: broken, or {@value #CRASH_LOOP_RESTARTS} or more workers replaced within the
     * last ten seconds.
     */
    String problem() {
        forgetOldRestarts();
        return brokenCause != null ? brokenCause.getMessage()
                : recentRestarts.size() >= CRASH_LOOP_RESTARTS ? recentRestarts.size() + " workers of parallel:"
                        + settings.poolName() + " died or were killed within the last ten seconds" : null;
    }

    /** Drops restarts older than the crash-loop window; what is left counts toward the health rule. */
    private void forgetOldRestarts() {
        long now = System.nanoTime();
        while (!recentRestarts.isEmpty() && now - recentRestarts.peekFirst() > CRASH_WINDOW_NANOS) {
            recentRestarts.pollFirst();
        }
    }
}
