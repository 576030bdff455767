package io.github.camelparallel.backend.process;

/**
 * Counts the pool's workers in a row that failed before they were of any use, so that a worker command that can never
 * work breaks the pool instead of being restarted forever (Python's gh-87472 is that loop). Two ways to be useless:
 * <ul>
 * <li>exiting on its own before {@code hello} (a missing class, a failing initializer); a {@code hello} from any
 * worker ends that streak;</li>
 * <li>breaking the protocol before completing a run (a banner or a debug line on stdout, before or after
 * {@code hello}); a run completed by any worker ends that streak. A {@code hello} does not: a worker that always
 * prints garbage after its hello would otherwise reset the count each time.</li>
 * </ul>
 * Either streak reaching {@link #limit()} (the larger of 3 and the pool size) breaks the pool: at least one failure
 * per worker slot, so a pool of four with one unlucky start is not broken. Not thread-safe: guarded by the pool's lock.
 */
final class UselessWorkers {

    private final int limit;
    private int exitsBeforeHello;
    private int breaksBeforeARun;

    UselessWorkers(int poolSize) {
        this.limit = Math.max(3, poolSize);
    }

    int limit() {
        return limit;
    }

    /** A worker said hello: the command can start. */
    void saidHello() {
        exitsBeforeHello = 0;
    }

    /** A worker completed a run: the command can speak the protocol. */
    void completedARun() {
        breaksBeforeARun = 0;
    }

    /** Counts a worker that exited before hello; returns how many in a row now. */
    int exitedBeforeHello() {
        return ++exitsBeforeHello;
    }

    /** Counts a worker that broke the protocol before completing a run; returns how many in a row now. */
    int brokeTheProtocolBeforeARun() {
        return ++breaksBeforeARun;
    }
}
