package io.github.camelparallel.reliability;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.camelparallel.ParallelComponent;
import io.github.camelparallel.TestContexts;
import io.github.camelparallel.process.Behaviour;
import io.github.camelparallel.spi.ParallelBackend;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The chaos suite, run over each backend by a subclass: round after round, a random batch of {@link ChaosBatch} items
 * (random task exceptions, random items slower than {@code taskTimeout}, random short sleeps) runs with
 * {@code onError=collect} while the subclass does its worst to the backend ({@link #strike}: kill -9 of worker
 * processes or member JVMs). After every round: each item has exactly one outcome, in input order
 * ({@link ChaosBatch#check}); the round ended within a hard bound (a hang fails the test, it never blocks it); the pool
 * is back to full strength ({@link #assertFullStrength}). At the end: no thread or process left
 * ({@link ChaosLeaks}), and the counts are printed ({@link ChaosTally}). {@value #ROUNDS_PROPERTY} sets the number of
 * rounds ({@code -Pchaos}: 100); without it each backend runs its short quick variant.
 */
abstract class ChaosSuite {

    static final String ROUNDS_PROPERTY = "chaos.rounds";
    /** No round may take longer, whatever is killed: past it the round counts as a hang and the test fails. */
    static final long ROUND_BOUND_SECONDS = 120;
    /** Items of kind SLOW sleep this long: over every backend's taskTimeout, and over a 4-item chunk's bound (4 s). */
    static final long SLOW_MILLIS = 5000;

    /** Printed with the counts; {@code -Dchaos.seed=N} reuses a run's random sequence (the timing still varies). */
    private final long seed = Long.getLong("chaos.seed", System.nanoTime());
    protected final Random random = new Random(seed);
    protected CamelContext context;
    private ChaosLeaks leaks;

    /** A short name for the figures and the pool name. */
    protected abstract String backendName();

    /** The URI options that select and configure the backend. */
    protected abstract String backendOptions() throws Exception;

    /** Rounds of the quick variant in the normal suite. */
    protected abstract int quickRounds();

    /** The pool's taskTimeout. */
    protected long taskTimeoutMillis() {
        return 300;
    }

    protected int poolSize() {
        return 2;
    }

    /** The errors besides its own an item may end with on this backend ({@link ChaosBatch.Allowances}). */
    protected ChaosBatch.Allowances allowances() {
        return ChaosBatch.Allowances.NONE;
    }

    /** Attacks the backend while the round's batch runs; returns how many kills it made. */
    protected int strike(CompletableFuture<Exchange> reply) throws Exception {
        return 0;
    }

    /** Waits until the pool serves with all its workers again, or fails. */
    protected abstract void assertFullStrength() throws Exception;

    /** Stops whatever else the subclass started (member JVMs), after the context. */
    protected void stopOthers() {
    }

    protected final String pool() {
        return "chaos" + backendName();
    }

    protected final ParallelBackend backend() {
        return context.getComponent("parallel", ParallelComponent.class).getPoolBackend(pool());
    }

    @AfterEach
    void stopEverything() {
        if (context != null) {
            context.stop();
        }
        stopOthers();
    }

    @Test
    void everyItemHasExactlyOneOutcomeUnderChaos() throws Exception {
        leaks = ChaosLeaks.baseline();
        int rounds = Integer.getInteger(ROUNDS_PROPERTY, quickRounds());
        context = TestContexts.started(Map.of(), TestContexts.route("direct:in", "parallel:" + pool() + "?"
                + backendOptions() + "&poolSize=" + poolSize() + "&chunkSize=4&taskTimeout=" + taskTimeoutMillis()
                + "ms&onError=collect&task=#class:" + Behaviour.class.getName()));
        ChaosTally tally = new ChaosTally("chaos " + backendName() + " seed=" + seed, "rounds", "kills", "items",
                "results", "thrown", "timeouts", "crashed", "chunkTimeouts", "hangs", "leaks");
        ProducerTemplate template = context.createProducerTemplate();
        for (int round = 1; round <= rounds; round++) {
            ChaosBatch batch = ChaosBatch.random(random, 20 + random.nextInt(41), 8, 3, SLOW_MILLIS, 20);
            CompletableFuture<Exchange> reply = template.asyncSend("direct:in", e -> e.getIn().setBody(batch.items));
            tally.add("kills", strike(reply));
            Exchange out;
            try {
                out = reply.get(ROUND_BOUND_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                tally.add("hangs", 1);
                tally.report();
                throw new AssertionError("round " + round + " hung: no outcome within " + ROUND_BOUND_SECONDS
                        + " s for " + batch.items);
            }
            try {
                tally.add(batch, batch.check(out, allowances()));
            } catch (AssertionError e) {
                tally.report();
                throw new AssertionError("round " + round + " of " + backendName() + " (seed " + seed + "): "
                        + e.getMessage(), e);
            }
            assertFullStrength();
        }
        template.stop();
        context.stop();
        context = null;
        stopOthers();
        List<String> left = leaks.awaitBack(20_000);
        tally.add("leaks", left.size());
        tally.report();
        assertEquals(List.of(), left, "threads and processes left after the chaos");
        assertEquals(rounds, tally.get("rounds"));
    }
}
