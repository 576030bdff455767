package io.github.camelparallel.reliability;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.camelparallel.backend.process.ProcessPoolBackend;
import org.apache.camel.Exchange;

/**
 * The chaos suite on worker JVMs: besides task exceptions and items over {@code taskTimeout} (their worker is killed
 * and replaced by the pool itself), up to two workers per round are killed with -9 at random moments of the batch.
 * Full strength: {@code poolSize} live workers, each pid alive, none busy.
 */
class ChaosProcessTest extends ChaosSuite {

    @Override
    protected String backendName() {
        return "process";
    }

    @Override
    protected String backendOptions() {
        return "backend=process";
    }

    /**
     * A replacement worker's first item includes its JVM's warm-up: with 300 ms, a 16 ms item on a just-started worker
     * timed out on this machine under a load average of 20, so the bound leaves room for a cold worker.
     */
    @Override
    protected long taskTimeoutMillis() {
        return 1000;
    }

    @Override
    protected int quickRounds() {
        return 2;
    }

    @Override
    protected ChaosBatch.Allowances allowances() {
        return new ChaosBatch.Allowances(true, false); // an item under two killed workers in a row fails alone
    }

    @Override
    protected int strike(CompletableFuture<Exchange> reply) throws InterruptedException {
        int planned = random.nextInt(3);
        int kills = 0;
        while (kills < planned && !reply.isDone()) {
            Thread.sleep(50 + random.nextInt(250));
            List<Long> pids = workers().workerPids();
            if (!pids.isEmpty() && !reply.isDone()) {
                long victim = pids.get(random.nextInt(pids.size()));
                if (ProcessHandle.of(victim).map(ProcessHandle::destroyForcibly).orElse(false)) {
                    kills++;
                }
            }
        }
        return kills;
    }

    private ProcessPoolBackend workers() {
        return (ProcessPoolBackend) backend();
    }

    @Override
    protected void assertFullStrength() throws InterruptedException {
        ChaosThreadTest.awaitIdle(workers(), poolSize());
        List<Long> pids = workers().workerPids();
        if (pids.size() != poolSize() || !pids.stream().allMatch(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive)
                .orElse(false))) {
            throw new AssertionError("workers not all alive: " + pids);
        }
    }
}
