package io.github.camelparallel.examples.python;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import io.github.camelparallel.ParallelComponent;
import io.github.camelparallel.spi.PoolSpec;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;

/**
 * Checks what the Python workers answered against the same statistics computed in Java (count, mean and median of
 * every sample, in input order), and words the result: how many samples, how long, on how many worker processes.
 * Keeps the results and worker pids of the last run for the tests. Used by the one route thread; the figures are
 * published through volatile fields.
 */
public class StatsReport implements CamelContextAware {

    private CamelContext camelContext;
    private volatile List<Map<String, Object>> results = List.of();
    private volatile List<Long> workerPids = List.of();

    /**
     * The log line of a finished batch on {@code parallel:pool}.
     *
     * @throws IllegalStateException naming the first sample whose answer differs from Java's: a lost, misplaced or
     *                               wrong result
     */
    public String check(String pool, List<List<Double>> samples, List<Map<String, Object>> answers, long millis) {
        PoolSpec spec = camelContext.getComponent("parallel", ParallelComponent.class).getPoolSpec(pool);
        if (spec == null) {
            throw new IllegalStateException("no running pool parallel:" + pool);
        }
        TreeSet<Long> pids = verify(samples, answers);
        results = List.copyOf(answers);
        workerPids = List.copyOf(pids);
        Map<String, Object> first = answers.isEmpty() ? Map.of() : new LinkedHashMap<>(answers.get(0));
        first.remove("pid");
        return String.format(Locale.ROOT, "described %d samples in %d ms on %d python3 worker processes (poolSize=%d,"
                + " pids %s); sample 0: %s; every count, mean and median agrees with Java's", samples.size(), millis,
                pids.size(), spec.poolSize(), pids, first);
    }

    /**
     * Checks every answer against its sample and returns the pids of the workers that answered.
     *
     * @throws IllegalStateException naming the first sample whose answer differs from Java's
     */
    static TreeSet<Long> verify(List<List<Double>> samples, List<Map<String, Object>> answers) {
        if (answers.size() != samples.size()) {
            throw new IllegalStateException(answers.size() + " answers for " + samples.size() + " samples");
        }
        TreeSet<Long> pids = new TreeSet<>();
        for (int i = 0; i < samples.size(); i++) {
            Map<String, Object> answer = answers.get(i);
            List<Double> sample = samples.get(i);
            if (((Number) answer.get("count")).intValue() != sample.size()
                    || Math.abs(((Number) answer.get("mean")).doubleValue() - mean(sample)) > 1e-9
                    || Math.abs(((Number) answer.get("median")).doubleValue() - median(sample)) > 1e-9) {
                throw new IllegalStateException("sample " + i + ": Python answered " + answer + ", but Java computes"
                        + " count " + sample.size() + ", mean " + mean(sample) + ", median " + median(sample));
            }
            pids.add(((Number) answer.get("pid")).longValue());
        }
        return pids;
    }

    static double mean(List<Double> sample) {
        return sample.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    static double median(List<Double> sample) {
        List<Double> sorted = new ArrayList<>(sample);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    public List<Map<String, Object>> getResults() {
        return results;
    }

    public List<Long> getWorkerPids() {
        return workerPids;
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
