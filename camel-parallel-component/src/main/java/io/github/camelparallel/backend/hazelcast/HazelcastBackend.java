package io.github.camelparallel.backend.hazelcast;

import java.util.Map;
import java.util.UUID;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.durableexecutor.DurableExecutorService;
import com.hazelcast.durableexecutor.DurableExecutorServiceFuture;
import com.hazelcast.core.IExecutorService;
import io.github.camelparallel.backend.remote.RemoteResults;
import io.github.camelparallel.backend.remote.RoundTrips;
import io.github.camelparallel.spi.BackendCapabilities;
import io.github.camelparallel.spi.Chunk;
import io.github.camelparallel.spi.ChunkListener;
import io.github.camelparallel.spi.BackendStatus;
import io.github.camelparallel.spi.ObservableBackend;
import io.github.camelparallel.spi.ParallelBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs chunks on a Hazelcast cluster: each chunk is a {@link ChunkTask} (the worker protocol's {@code run} frame)
 * submitted to the durable executor {@code parallel-<pool>}, which keeps it on a partition's owner and its backup, so a
 * member that dies mid-chunk loses nothing: the backup runs it again (at-least-once; tasks should be idempotent).
 * <p>
 * Modes: embedded (this JVM is a member; alone by default, in a private cluster bound to 127.0.0.1), {@code members}
 * (this JVM joins a cluster over TCP-IP), client ({@code clientMode}: this JVM runs no tasks), or the user's own
 * instance (used as is, never shut down). Submitting is a network round trip, so it happens on this pool's I/O
 * threads, never on the caller's, in index order by a few submitters at once; results are read there too
 * ({@link Submission}).
 * <p>
 * States: NEW → STARTED ({@link #start()} creates or adopts the instance, {@link ClusterJoin}) → STOPPED ({@link #stop()}: chunks in flight
 * fail by index with "stopped", an instance we created is shut down, the I/O pool is released). {@code instance} and
 * {@code executor} are volatile (written by start/stop, read by submitting threads); {@code inFlight} is a concurrent
 * map. Thread-safe.
 */
public final class HazelcastBackend implements ParallelBackend, ObservableBackend {

    private static final Logger LOG = LoggerFactory.getLogger(HazelcastBackend.class);
    /**
     * A network round trip per chunk: 20..200 ms chunks hide it and still balance well. Once chunks came back, the
     * lower edge follows the measured per-chunk cost ({@link RoundTrips}), down to 1 ms on a fast link.
     */
    private static final long MIN_CHUNK_NANOS = 20_000_000L;
    private static final long FLOOR_CHUNK_NANOS = 1_000_000L;
    private static final long MAX_CHUNK_NANOS = 200_000_000L;
    /** Answers up to this long stay in their result slot until overwritten ({@link #dispose}). */
    static final int KEPT_ANSWER_CHARS = 1024;
    /** Chunks handed to the cluster at once (each hand-over is a round trip). */
    static final int SUBMITTERS = 4;
    /** Submitters started on an I/O thread of their own, by every pool of this JVM (for tests). */
    private static final AtomicLong SUBMITTERS_STARTED = new AtomicLong();
    /** The pool whose chunk's end the current I/O thread reports ({@link #reporting}); null elsewhere. */
    private static final ThreadLocal<HazelcastBackend> REPORTING = new ThreadLocal<>();

    private final HazelcastPoolSettings settings;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService io;
    private final Consumer<ExecutorService> releaseIo;
    private final RemoteResults results;
    private final RoundTrips roundTrips = new RoundTrips(MIN_CHUNK_NANOS, FLOOR_CHUNK_NANOS, MAX_CHUNK_NANOS);
    private final Map<Chunk, Submission> inFlight = new ConcurrentHashMap<>();
    /** Submissions waiting for a submitter, in the dispatcher's order; thread-safe by itself. */
    private final Queue<Runnable> submits = new ConcurrentLinkedQueue<>();
    private final AtomicInteger submitters = new AtomicInteger();
    /** Run ids: unique in the cluster by a random prefix per pool instance, then a counter (no SecureRandom per chunk). */
    private final String runIdPrefix = UUID.randomUUID() + "-";
    private final AtomicLong runIds = new AtomicLong();
    private volatile HazelcastInstance instance;
    private volatile boolean ownsInstance;
    private volatile DurableExecutorService executor;
    private volatile IExecutorService control;
    private volatile BackendCapabilities capabilities;
    private volatile MemberSpread spread;

    public HazelcastBackend(HazelcastPoolSettings settings, ScheduledExecutorService scheduler, ExecutorService io,
            Consumer<ExecutorService> releaseIo) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.io = io;
        this.releaseIo = releaseIo;
        this.results = new RemoteResults(settings.resultType());
        this.capabilities = new BackendCapabilities(settings.poolSize(), false, MIN_CHUNK_NANOS, MAX_CHUNK_NANOS);
    }

    /** The chunk band's lower edge follows the measured round trip (read by each batch as it starts). */
    @Override
    public BackendCapabilities capabilities() {
        BackendCapabilities base = capabilities;
        return new BackendCapabilities(base.parallelism(), false, roundTrips.minChunkNanos(base.parallelism()),
                MAX_CHUNK_NANOS, base.maxInFlight());
    }

    @Override
    public void start() throws Exception {
        HazelcastAsyncExecutor.acquire();
        ClusterJoin.Joined joined;
        try {
            joined = ClusterJoin.join(settings);
        } catch (Exception | Error e) {
            HazelcastAsyncExecutor.release();
            throw e;
        }
        HazelcastInstance hz = joined.instance();
        ownsInstance = joined.owned();
        int members = hz.getCluster().getMembers().size();
        instance = hz;
        spread = new MemberSpread(hz);
        executor = hz.getDurableExecutorService(HazelcastConfigs.EXECUTOR_PREFIX + settings.poolName());
        control = hz.getExecutorService(HazelcastConfigs.CONTROL_EXECUTOR);
        int parallelism = settings.poolSize() * members; // every member runs poolSize chunks at once
        // a partition holds DURABLE_CAPACITY tasks and chunks rotate over each member's partitions (MemberSpread): a
        // window of a quarter of the total never overflows one (and at most DURABLE_CAPACITY never can, wherever)
        int partitions = hz.getPartitionService().getPartitions().size();
        int cap = Math.max(HazelcastConfigs.DURABLE_CAPACITY, partitions * HazelcastConfigs.DURABLE_CAPACITY / 4);
        capabilities = new BackendCapabilities(parallelism, false, MIN_CHUNK_NANOS, MAX_CHUNK_NANOS, cap);
        LOG.info("[{}] on Hazelcast cluster '{}' ({}, {} members, {} threads each)", settings.poolName(),
                hz.getConfig().getClusterName(), settings.instance() != null ? "your instance"
                        : settings.clientMode() ? "client" : "member", members, settings.poolSize());
    }

    @Override
    public void execute(Chunk chunk, ChunkListener listener) {
        DurableExecutorService durable = executor;
        if (durable == null) {
            throw new RejectedExecutionException("parallel:" + settings.poolName() + " is not running");
        }
        if (!chunk.tryClaim()) {
            return;
        }
        chunk.releaseRunner(); // the claiming thread does not run it: an interrupt must never reach that thread
        Submission submission = new Submission(this, chunk, listener, runIdPrefix + runIds.incrementAndGet());
        if (!submission.encode()) {
            return; // no item could be sent: every one was reported already
        }
        inFlight.put(chunk, submission);
        chunk.onInterrupt(submission::interrupted);
        try {
            submitInOrder(() -> submission.submit(durable));
        } catch (RejectedExecutionException e) {
            inFlight.remove(chunk);
            throw new RejectedExecutionException("parallel:" + settings.poolName() + " is stopping", e);
        }
    }

    /**
     * Submits on the I/O pool in the order the dispatcher handed the chunks over, by at most {@value #SUBMITTERS}
     * submitters at once, each taking the next chunk from one queue: a submit is a synchronous round trip to a
     * partition owner (for its task id), so one submitter alone would cap a pool at one chunk per round trip; a few
     * overlap the round trips while the members' queues still see chunks in nearly index order. Each hand-over starts
     * at most one submitter; a chunk queued while the last one finishes is picked up by the re-check in its finally.
     */
    private void submitInOrder(Runnable submit) {
        submits.add(submit);
        if (REPORTING.get() != this) {
            drainSubmits();
        } // else the I/O thread reporting a chunk's end submits it next ({@link #reporting}): no thread woken for it
    }

    /**
     * Runs a chunk's report ({@code report}: its results to the dispatcher, which hands this pool the batch's next
     * chunk at once) on the current I/O thread, then submits what it queued from here, as one more submitter while
     * fewer than {@value #SUBMITTERS} run: at steady state a chunk's end submits the next one on the same thread
     * instead of waking another for it (each wake-up is a context switch on each side).
     */
    void reporting(Runnable report) {
        HazelcastBackend outer = REPORTING.get();
        REPORTING.set(this);
        try {
            report.run();
        } finally {
            if (outer == null) {
                REPORTING.remove();
            } else {
                REPORTING.set(outer);
            }
        }
        if (outer != this) {
            submitHere();
        }
    }

    private void submitHere() {
        while (!submits.isEmpty()) {
            int running = submitters.get();
            if (running >= SUBMITTERS) {
                return; // the running submitters take it: each re-checks the queue as it stops
            }
            if (submitters.compareAndSet(running, running + 1)) {
                drainHere();
                return;
            }
        }
    }

    private void drainHere() {
        try {
            Runnable next;
            while ((next = submits.poll()) != null) {
                next.run();
            }
        } finally {
            submitters.decrementAndGet();
            if (!submits.isEmpty()) {
                drainSubmits();
            }
        }
    }

    private void drainSubmits() {
        int running = submitters.get();
        if (running >= SUBMITTERS || !submitters.compareAndSet(running, running + 1)) {
            return; // enough submitters, or another thread just started one: they drain the queue
        }
        try {
            io.execute(this::drainHere);
            SUBMITTERS_STARTED.incrementAndGet();
        } catch (RejectedExecutionException e) {
            submitters.decrementAndGet(); // stopping: stop() fails every chunk in flight
            throw e;
        }
    }

    @Override
    public void stop() {
        executor = null;
        RejectedExecutionException stopped = new RejectedExecutionException("parallel:" + settings.poolName()
                + " was stopped before its chunk finished");
        for (Submission submission : inFlight.values()) {
            submission.fail(stopped);
        }
        HazelcastInstance hz = instance;
        instance = null;
        if (hz != null && ownsInstance) {
            try {
                hz.shutdown();
            } catch (RuntimeException e) {
                LOG.warn("[{}] shutting down the Hazelcast instance failed: {}", settings.poolName(), e.toString());
            }
        }
        releaseIo.accept(io);
        if (hz != null) {
            HazelcastAsyncExecutor.release(); // acquired by the start that set the instance
        }
        LOG.debug("[{}] stopped", settings.poolName());
    }

    /** Workers are the cluster's members; busy counts this pool's chunks in flight. Down without a member. */
    @Override
    public BackendStatus status() {
        HazelcastInstance hz = instance;
        if (hz == null || !hz.getLifecycleService().isRunning()) {
            return new BackendStatus(0, inFlight.size(), -1, 0, "parallel:" + settings.poolName()
                    + " is not connected to its Hazelcast cluster");
        }
        int members;
        try {
            members = hz.getCluster().getMembers().size();
        } catch (RuntimeException e) {
            return new BackendStatus(0, inFlight.size(), -1, 0, "parallel:" + settings.poolName()
                    + " cannot reach its Hazelcast cluster: " + e.getMessage());
        }
        return new BackendStatus(members, inFlight.size(), -1, 0, members == 0 ? "the Hazelcast cluster of parallel:"
                + settings.poolName() + " has no member" : null);
    }

    /** How many submitters any pool of this JVM started on an I/O thread of their own (for tests). */
    static long submittersStarted() {
        return SUBMITTERS_STARTED.get();
    }

    /** The instance the pool runs on (for tests and management); null when stopped. */
    public HazelcastInstance instance() {
        return instance;
    }

    // --- for Submission ---

    HazelcastPoolSettings settings() {
        return settings;
    }

    RemoteResults results() {
        return results;
    }

    RoundTrips roundTrips() {
        return roundTrips;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    ExecutorService io() {
        return io;
    }

    void finished(Chunk chunk) {
        inFlight.remove(chunk);
    }

    /** Where the next chunk goes ({@link MemberSpread}); null: anywhere (one data member, or stopped). */
    MemberSpread.Placement place() {
        MemberSpread members = spread;
        try {
            return members == null ? null : members.next();
        } catch (RuntimeException e) {
            LOG.debug("[{}] no member chosen, the executor chooses: {}", settings.poolName(), e.toString());
            return null; // a client between connections: the durable executor places it (and fails it if it must)
        }
    }

    void unplace(MemberSpread.Placement placement) {
        MemberSpread members = spread;
        if (members != null) {
            members.done(placement);
        }
    }

    /** The member placement of this pool (for tests). */
    MemberSpread spread() {
        return spread;
    }

    /** Asks every member to interrupt the run (best effort; the member running it, if any, does). */
    void cancelEverywhere(String runId) {
        IExecutorService broadcast = control;
        if (broadcast == null) {
            return;
        }
        try {
            broadcast.executeOnAllMembers(new CancelRun(runId));
        } catch (RuntimeException e) {
            LOG.debug("[{}] cancelling run {} failed: {}", settings.poolName(), runId, e.toString());
        }
    }

    /**
     * Frees a finished task's result slot on its partition, a round trip the I/O thread waits for. A small answer
     * ({@code answer} up to {@value #KEPT_ANSWER_CHARS} characters) is left for the slot's next task to overwrite
     * instead: a partition's ring holds at most {@link HazelcastConfigs#DURABLE_CAPACITY} of them (at most 1 KB each,
     * about 27 MB over 271 partitions in the worst case, typically a few bytes per one-item chunk), and a one-item
     * chunk no longer pays a second round trip. Not by Hazelcast's
     * retrieve-and-dispose, which steps the partition's sequence back: a task submitted meanwhile can take the
     * sequence of a result not yet disposed, and that dispose then drops the running task's slot (its future answered
     * null or never; seen as a hung batch). A null {@code answer} (the future failed) disposes too.
     */
    void dispose(DurableExecutorServiceFuture<?> future, String answer) {
        DurableExecutorService durable = executor;
        if (durable == null || future.getTaskId() < 0 || answer != null && answer.length() <= KEPT_ANSWER_CHARS) {
            return;
        }
        try {
            durable.disposeResult(future.getTaskId());
        } catch (RuntimeException e) {
            LOG.debug("[{}] disposing task {} failed: {}", settings.poolName(), future.getTaskId(), e.toString());
        }
    }
}
