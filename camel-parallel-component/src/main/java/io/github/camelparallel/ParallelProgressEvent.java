package io.github.camelparallel;

import io.github.camelparallel.dispatch.BatchProgress;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;

/**
 * A batch's progress, published every {@code progressInterval} while it runs and once when it ends
 * ({@code progress=true}) to the context's event notifiers, as a Camel event of type {@code Custom}: an
 * {@code EventNotifier} that accepts it can drive a progress bar. The same {@link BatchProgress} is set on the batch's
 * exchange as the property {@value #PROPERTY}. Immutable apart from the timestamp Camel sets.
 */
public final class ParallelProgressEvent implements CamelEvent.ExchangeEvent {

    /** The exchange property holding the latest {@link BatchProgress} of the batch. */
    public static final String PROPERTY = "CamelParallelProgress";

    private final Exchange exchange;
    private final BatchProgress progress;
    private long timestamp;

    ParallelProgressEvent(Exchange exchange, BatchProgress progress) {
        this.exchange = exchange;
        this.progress = progress;
    }

    /** The numbers: done, total (-1 when streamed), failed, retried, elapsed, items/s, ETA. */
    public BatchProgress getProgress() {
        return progress;
    }

    @Override
    public Exchange getExchange() {
        return exchange;
    }

    @Override
    public Type getType() {
        return Type.Custom;
    }

    @Override
    public Object getSource() {
        return exchange;
    }

    @Override
    public long getTimestamp() {
        return timestamp;
    }

    @Override
    public void setTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    @Override
    public String toString() {
        return progress.logLine();
    }
}
