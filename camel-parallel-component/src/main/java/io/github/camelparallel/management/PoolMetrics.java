package io.github.camelparallel.management;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.camelparallel.dispatch.BatchOutcome;
import io.github.camelparallel.spi.ObservableBackend;
import io.github.camelparallel.spi.ParallelBackend;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Micrometer meters of one pool, tagged {@code pool=<name>}: {@code camel.parallel.batch} (timer of batches),
 * {@code camel.parallel.items} (counter, tag {@code outcome=completed|failed}), {@code camel.parallel.retries}
 * (counter), {@code camel.parallel.worker.recycles} (counter, tag {@code reason=memory}), {@code camel.parallel.workers}
 * and {@code camel.parallel.busy} (gauges). Only loaded when Micrometer is on
 * the classpath and the application has a {@code MeterRegistry} ({@link PoolManagement} checks both). Thread-safe.
 */
final class PoolMetrics {

    private final MeterRegistry registry;
    private final Timer batches;
    private final Counter completed;
    private final Counter failed;
    private final Counter retries;
    private final List<Meter> meters = new ArrayList<>();

    PoolMetrics(Object registry, String pool, ParallelBackend backend) {
        this.registry = (MeterRegistry) registry;
        batches = add(Timer.builder("camel.parallel.batch").description("Batches of a parallel: pool").tag("pool", pool)
                .register(this.registry));
        completed = add(Counter.builder("camel.parallel.items").description("Items that succeeded").tag("pool", pool)
                .tag("outcome", "completed").register(this.registry));
        failed = add(Counter.builder("camel.parallel.items").description("Items that failed after their retries")
                .tag("pool", pool).tag("outcome", "failed").register(this.registry));
        retries = add(Counter.builder("camel.parallel.retries").description("Re-runs of failed attempts")
                .tag("pool", pool).register(this.registry));
        if (backend instanceof ObservableBackend observable) {
            add(Gauge.builder("camel.parallel.workers", observable, b -> b.status().workers())
                    .description("Workers able to run chunks").tag("pool", pool).register(this.registry));
            add(Gauge.builder("camel.parallel.busy", observable, b -> b.status().busy())
                    .description("Workers running a chunk").tag("pool", pool).register(this.registry));
            add(FunctionCounter.builder("camel.parallel.worker.recycles", observable, b -> b.status().memoryRecycles())
                    .description("Workers replaced for growing past maxWorkerMemory").tag("pool", pool)
                    .tag("reason", "memory").register(this.registry));
        }
    }

    private <M extends Meter> M add(M meter) {
        meters.add(meter);
        return meter;
    }

    void record(BatchOutcome outcome) {
        batches.record(outcome.elapsedMillis(), TimeUnit.MILLISECONDS);
        completed.increment(outcome.size() - outcome.failedCount());
        failed.increment(outcome.failedCount());
        retries.increment(outcome.retries());
    }

    void close() {
        meters.forEach(registry::remove);
    }
}
