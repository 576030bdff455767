package io.github.camelparallel;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.camelparallel.dispatch.BatchProgress;
import io.github.camelparallel.dispatch.Dispatcher;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports one batch's progress ({@code progress=true}): every interval on the component's timer, and once at the end,
 * it logs a line at INFO, sets the exchange property {@value ParallelProgressEvent#PROPERTY} and publishes a
 * {@link ParallelProgressEvent}. Reads the dispatcher's counters only (one lock round per report). Thread-safe: the
 * final report happens once ({@code finished}).
 */
final class ProgressReporter {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

    private final Exchange exchange;
    private final Dispatcher dispatcher;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile ScheduledFuture<?> timer;

    private ProgressReporter(Exchange exchange, Dispatcher dispatcher) {
        this.exchange = exchange;
        this.dispatcher = dispatcher;
    }

    static ProgressReporter start(ParallelComponent component, Exchange exchange, Dispatcher dispatcher,
            long intervalMillis) {
        ProgressReporter reporter = new ProgressReporter(exchange, dispatcher);
        reporter.timer = component.getScheduler().scheduleAtFixedRate(reporter::tick, intervalMillis, intervalMillis,
                TimeUnit.MILLISECONDS);
        return reporter;
    }

    private void tick() {
        if (!finished.get()) {
            BatchProgress progress = dispatcher.progress();
            // a batch that has ended but whose completion has not run yet (it is handed to the ParallelCompletion
            // thread, which can take tens of ms on a busy machine) gets its one final report from finish(), not one
            // per tick until then
            if (!progress.finished()) {
                report(progress);
            }
        }
    }

    /** The batch is over: the final line and event. */
    void finish() {
        if (!finished.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
        report(dispatcher.progress());
    }

    private void report(BatchProgress progress) {
        LOG.info(progress.logLine());
        exchange.setProperty(ParallelProgressEvent.PROPERTY, progress);
        try {
            exchange.getContext().getManagementStrategy().notify(new ParallelProgressEvent(exchange, progress));
        } catch (Exception e) {
            LOG.debug("[{}] a progress event notifier failed: {}", progress.poolName(), e.toString());
        }
    }
}
