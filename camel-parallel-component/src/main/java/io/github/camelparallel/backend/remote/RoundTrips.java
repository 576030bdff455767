package io.github.camelparallel.backend.remote;

/**
 * The per-chunk cost of a remote backend, measured, and the shortest chunk that keeps it small: automatic chunking
 * ({@code chunkSize=0}) aims each chunk at {@link #minChunkNanos(int)} or more. The cost of one chunk is its round
 * trip minus the time it ran on the remote side; the lowest of the last {@value #SAMPLES} chunks counts, because a
 * chunk that waited in a member's queue behind others measured that wait too, and waiting is not a cost (the member
 * was busy meanwhile). The shortest chunk is the larger of {@value #COST_SHARE} times the cost (so the cost stays at
 * most a twentieth of a chunk's time) and twice the parallelism times the cost (a submitter hands over one chunk per
 * round trip, so shorter chunks would leave members idle); never below {@code floorNanos}, never above
 * {@code maxNanos}; {@code defaultMinNanos} until a chunk was measured.
 * <p>
 * Camel-free and independent of the backend. Thread-safe: samples are recorded from any thread (a lost update under
 * contention only drops one sample).
 */
public final class RoundTrips {

    /** A chunk runs for at least this many times its per-chunk cost. */
    public static final int COST_SHARE = 20;
    static final int SAMPLES = 16;

    private final long defaultMinNanos;
    private final long floorNanos;
    private final long maxNanos;
    private final long[] samples = new long[SAMPLES];
    private int next;
    private int count;

    public RoundTrips(long defaultMinNanos, long floorNanos, long maxNanos) {
        if (floorNanos <= 0 || defaultMinNanos < floorNanos || maxNanos < defaultMinNanos) {
            throw new IllegalArgumentException("bad band: floor " + floorNanos + ", default " + defaultMinNanos
                    + ", max " + maxNanos);
        }
        this.defaultMinNanos = defaultMinNanos;
        this.floorNanos = floorNanos;
        this.maxNanos = maxNanos;
    }

    /** A chunk came back {@code wallNanos} after it was sent, having run {@code remoteRunNanos} on the other side. */
    public synchronized void record(long wallNanos, long remoteRunNanos) {
        if (wallNanos <= 0 || remoteRunNanos < 0) {
            return;
        }
        samples[next] = Math.max(0, wallNanos - remoteRunNanos);
        next = (next + 1) % SAMPLES;
        count = Math.min(SAMPLES, count + 1);
    }

    /** The per-chunk cost: the lowest of the recent samples; -1 before the first. */
    public synchronized long costNanos() {
        if (count == 0) {
            return -1;
        }
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            lowest = Math.min(lowest, samples[i]);
        }
        return lowest;
    }

    /** The lower edge of the automatic chunk band for a backend running {@code parallelism} chunks at once. */
    public long minChunkNanos(int parallelism) {
        long cost = costNanos();
        if (cost < 0) {
            return defaultMinNanos;
        }
        long wanted = Math.max(COST_SHARE * cost, 2L * Math.max(1, parallelism) * cost);
        return Math.max(floorNanos, Math.min(maxNanos, wanted));
    }
}
