package io.github.camelparallel;

import io.github.camelparallel.spi.ItemTask;
import org.apache.camel.Exchange;

/**
 * A task as the producer holds it: it becomes an {@link ItemTask} per batch, because Processor and route tasks copy
 * the batch exchange's headers into each item's exchange. Implementations are immutable and thread-safe.
 */
@FunctionalInterface
interface ExchangeTask {

    ItemTask forBatch(Exchange batch);
}
