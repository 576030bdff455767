package io.github.camelparallel.examples.images;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import io.github.camelparallel.ParallelComponent;
import io.github.camelparallel.spi.PoolSpec;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/**
 * The bookkeeping of the route: records each timed run of the thumbnail batch (its pool, time and results), checks
 * that every run produced the same thumbnails as the first, and words the log lines with the speed-up over the
 * {@code poolSize=1} run. Keeps the runs, which the tests read. Thread-safe: runs are added by the one route thread
 * to a synchronized list.
 *
 * @see Run
 */
public class ImageReport implements CamelContextAware {

    /** One timed run: the pool it ran on (backend and size), its wall time, and its results. */
    public record Run(String pool, String backend, int poolSize, long millis, List<Thumbnail> results) {
    }

    private final List<Run> runs = Collections.synchronizedList(new ArrayList<>());
    private CamelContext camelContext;

    /**
     * Records the run of the batch on {@code parallel:pool} and returns its log line.
     *
     * @throws IllegalStateException if its results differ from the first run's: a lost, misplaced or wrong thumbnail
     */
    public String record(String pool, List<Thumbnail> results, long millis) {
        PoolSpec spec = camelContext.getComponent("parallel", ParallelComponent.class).getPoolSpec(pool);
        if (spec == null) {
            throw new IllegalStateException("no running pool parallel:" + pool);
        }
        Run run = new Run(pool, spec.backend(), spec.poolSize(), millis, List.copyOf(results));
        synchronized (runs) {
            if (!runs.isEmpty() && !runs.get(0).results().equals(run.results())) {
                throw new IllegalStateException("parallel:" + pool + " made other thumbnails than parallel:"
                        + runs.get(0).pool());
            }
            runs.add(run);
        }
        String line = String.format(Locale.ROOT, "%d images on backend=%s, poolSize=%d: %d ms", results.size(),
                run.backend(), run.poolSize(), millis);
        Run baseline = runs.get(0);
        if (run != baseline) {
            line += String.format(Locale.ROOT, " (%.2fx the poolSize=%d run)", speedUp(baseline, run),
                    baseline.poolSize());
        }
        return line;
    }

    /** The last line: what was written where. */
    public String summary(String thumbnails) {
        Run first = runs.get(0);
        Thumbnail sample = first.results().isEmpty() ? null : first.results().get(0);
        String size = sample == null ? "" : ", " + sample.width() + "x" + sample.height() + " and so on";
        return String.format(Locale.ROOT, "%d thumbnails (grayscale, normalised to 0..255%s) in %s, the same from"
                + " every run", first.results().size(), size, thumbnails);
    }

    /** How many times faster {@code run} was than {@code baseline}; a run under a millisecond counts as one. */
    static double speedUp(Run baseline, Run run) {
        return (double) Math.max(baseline.millis(), 1) / Math.max(run.millis(), 1);
    }

    public List<Run> getRuns() {
        synchronized (runs) {
            return List.copyOf(runs);
        }
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
