package io.github.camelparallel.examples.pdf;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.camelparallel.ParallelComponent;
import io.github.camelparallel.spi.PoolSpec;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/**
 * Words the outcome of the batch: how many PDFs were converted, each failure by the name of its file (taken from the
 * job at the failed index, and named again in the error itself), and how many worker processes ran the batch and how
 * many PDFs each, which shows {@code maxTasksPerWorker} recycling them. Keeps the figures of the last run for the
 * tests. Used by the one route thread; the figures are published through volatile fields.
 */
public class PdfReport implements CamelContextAware {

    private CamelContext camelContext;
    private int maxTasksPerWorker;
    private volatile int converted;
    private volatile Map<String, String> failures = Map.of();
    private volatile Map<Long, Integer> itemsPerWorker = Map.of();

    /**
     * The log lines of a finished batch on {@code parallel:pool}.
     *
     * @param jobs    the batch as sent
     * @param results its results, in input order, {@code null} where an item failed ({@code onError=collect})
     * @param errors  item index to failure ({@code CamelParallelErrors}), or null when nothing failed
     * @param millis  the batch's wall time ({@code CamelParallelElapsed})
     */
    public String summary(String pool, List<PdfJob> jobs, List<PdfText> results, Map<Integer, Throwable> errors,
            long millis) {
        PoolSpec spec = camelContext.getComponent("parallel", ParallelComponent.class).getPoolSpec(pool);
        if (spec == null) {
            throw new IllegalStateException("no running pool parallel:" + pool);
        }
        Map<String, String> failed = new LinkedHashMap<>();
        if (errors != null) {
            errors.forEach((index, error) -> failed.put(new File(jobs.get(index).pdf()).getName(), error.getMessage()));
        }
        Map<Long, Integer> perWorker = new LinkedHashMap<>();
        results.stream().filter(Objects::nonNull).forEach(text -> perWorker.merge(text.workerPid(), 1, Integer::sum));
        int done = (int) results.stream().filter(Objects::nonNull).count();
        converted = done;
        failures = failed;
        itemsPerWorker = perWorker;

        List<String> lines = new ArrayList<>();
        lines.add(done + " of " + jobs.size() + " PDFs converted to text in " + millis + " ms on backend="
                + spec.backend() + ", poolSize=" + spec.poolSize() + "; " + failed.size() + " failed");
        failed.forEach((file, message) -> lines.add("  failed: " + file + ": " + message));
        int most = perWorker.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        lines.add("  " + perWorker.size() + " worker processes ran them, at most " + most + " PDFs each"
                + " (maxTasksPerWorker=" + maxTasksPerWorker + "): PDFs per worker pid " + perWorker);
        return String.join(System.lineSeparator(), lines);
    }

    public int getConverted() {
        return converted;
    }

    /** File name to error message, in index order. */
    public Map<String, String> getFailures() {
        return failures;
    }

    /** Worker pid to the number of PDFs it converted, in the order the results came. */
    public Map<Long, Integer> getItemsPerWorker() {
        return itemsPerWorker;
    }

    public int getMaxTasksPerWorker() {
        return maxTasksPerWorker;
    }

    public void setMaxTasksPerWorker(int maxTasksPerWorker) {
        this.maxTasksPerWorker = maxTasksPerWorker;
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
