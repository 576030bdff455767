package io.github.camelparallel.examples.cluster;

import java.util.List;
import java.util.stream.IntStream;

import io.github.camelparallel.ParallelComponent;
import io.github.camelparallel.ParallelConstants;
import io.github.camelparallel.spi.ObservableBackend;
import io.github.camelparallel.spi.ParallelBackend;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Header;

/**
 * The bookkeeping steps of the route: makes the batch, counts the cluster's members as the pool sees them, and checks
 * that the batch came back whole: one result per item, each the square of its item, in input order. Keeps the
 * figures of the last run, which the tests and the log read. Thread-safe: every figure is a volatile field written by
 * the one route thread.
 */
public class ClusterReport implements CamelContextAware {

    private CamelContext camelContext;
    private volatile int checkedItems = -1;

    /** The integers 1..count, in order: the body sent to {@code parallel:cluster}. */
    public List<Integer> numbers(int count) {
        return IntStream.rangeClosed(1, count).boxed().toList();
    }

    /** The members of the cluster that the running pool {@code parallel:name} runs its chunks on, now. */
    public int members(String poolName) {
        ParallelComponent component = camelContext.getComponent("parallel", ParallelComponent.class);
        ParallelBackend backend = component.getPoolBackend(poolName);
        if (!(backend instanceof ObservableBackend observable)) {
            throw new IllegalStateException("no running pool parallel:" + poolName + " that reports its members");
        }
        return observable.status().workers();
    }

    /**
     * Checks the batch: exactly {@code count} results, result i being (i+1)², so nothing was lost, repeated or moved
     * when a member died under it.
     *
     * @return the number of results checked
     * @throws IllegalStateException naming the first result that is missing or wrong
     */
    public int check(@Body List<Long> results, @Header(ParallelConstants.SIZE) int count) {
        if (results.size() != count) {
            throw new IllegalStateException(results.size() + " results for a batch of " + count + " items");
        }
        for (int i = 0; i < count; i++) {
            long n = i + 1;
            Long result = results.get(i);
            if (result == null || result != n * n) {
                throw new IllegalStateException("result " + i + " is " + result + ", not " + n * n + " = " + n + "²");
            }
        }
        checkedItems = count;
        return count;
    }

    public int getCheckedItems() {
        return checkedItems;
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
