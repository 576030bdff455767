package io.github.camelparallel;

import java.util.concurrent.ExecutorService;

import io.github.camelparallel.dispatch.DispatchOptions;
import io.github.camelparallel.dispatch.ErrorPolicy;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The options of a {@code parallel:} endpoint. The component holds one instance with component-level defaults
 * ({@code camel.component.parallel.*}); every endpoint gets its own {@link #copy()}. Not thread-safe: written during
 * configuration, read-only after the endpoint starts.
 */
@UriParams
public class ParallelConfiguration implements Cloneable {

    /** Pool options: endpoints of one name share a pool, so these must agree between them. */
    static final java.util.Set<String> POOL_OPTIONS = java.util.Set.of("backend", "poolSize", "executorService",
            "threadPoolProfile");

    @UriParam(label = "producer", description = "The function run over every item: a java.util.function.Function, a Camel"
            + " Processor (one exchange per item) or any bean (see method), as a reference: #name, #bean:name,"
            + " #class:fqcn or #type:fqcn. Without a task, items go to the route that consumes from parallel:name.")
    private Object task;
    @UriParam(label = "producer", description = "The one-argument method of the task bean to call with each item,"
            + " when the bean is not a Function or Processor or has several candidate methods.")
    private String method;
    @UriParam(label = "common", defaultValue = "thread", enums = "thread,virtual",
              description = "Where items run: thread (platform threads from Camel's ExecutorServiceManager) or"
                      + " virtual (virtual threads, Java 21 or newer).")
    private String backend = "thread";
    @UriParam(label = "common", defaultValue = "-1",
              description = "How many items run at once. Positive: that many; -1: all available processors; -2: all but"
                      + " one (joblib's n_jobs: processors plus 1 plus n). 0, or a result below 1, is an error.")
    private int poolSize = -1;
    @UriParam(label = "producer", defaultValue = "0",
              description = "Items per task; 0 sizes chunks automatically from measured task durations.")
    private int chunkSize;
    @UriParam(label = "producer,advanced", defaultValue = "0",
              description = "Chunks of one batch dispatched and not yet done; 0 means twice the pool size.")
    private int maxInFlight;
    @UriParam(label = "producer", defaultValue = "true",
              description = "Results in input order (true) or in completion order (false).")
    private boolean ordered = true;
    @UriParam(label = "producer", defaultValue = "fail", enums = "fail,collect,skip",
              description = "What a failed item does: fail the exchange with ParallelTaskException (fail), leave null"
                      + " at its position (collect), or leave it out (skip). Failures are listed in the"
                      + " CamelParallelErrors header.")
    private String onError = "fail";
    @UriParam(label = "producer", defaultValue = "0", description = "How many times a failed item is re-run.")
    private int maxRetries;
    @UriParam(label = "producer", defaultValue = "0", javaType = "java.time.Duration",
              description = "The wait before re-running a failed item.")
    private long retryDelay;
    @UriParam(label = "producer", defaultValue = "0", javaType = "java.time.Duration",
              description = "Bound on one attempt of one item; a late attempt is interrupted and fails with a"
                      + " TimeoutException cause. 0: no bound.")
    private long taskTimeout;
    @UriParam(label = "producer", defaultValue = "0", javaType = "java.time.Duration",
              description = "Bound on the whole batch; items not finished by then fail by index with a"
                      + " TimeoutException. 0: no bound.")
    private long timeout;
    @UriParam(label = "common,advanced",
              description = "A thread pool of your own for backend=thread; used as is and never shut down.")
    private ExecutorService executorService;
    @UriParam(label = "common,advanced",
              description = "The id of a Camel thread pool profile to create the backend=thread pool from.")
    private String threadPoolProfile;

    public ParallelConfiguration copy() {
        try {
            return (ParallelConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /** Validates and converts the batch options; errors name the option. */
    DispatchOptions toDispatchOptions(String poolName) {
        return new DispatchOptions(poolName, requireNonNegative("chunkSize", chunkSize),
                requireNonNegative("maxInFlight", maxInFlight), ordered, ErrorPolicy.parse(onError),
                requireNonNegative("maxRetries", maxRetries), retryDelay, taskTimeout, timeout);
    }

    private static int requireNonNegative(String option, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("Option " + option + " must be >= 0 but was " + value);
        }
        return value;
    }

    /** Resolves {@code poolSize} as joblib resolves {@code n_jobs}. */
    static int resolvePoolSize(int poolSize, int processors, String poolName) {
        int resolved = poolSize < 0 ? processors + 1 + poolSize : poolSize;
        if (resolved < 1) {
            throw new IllegalArgumentException("Option poolSize of parallel:" + poolName + " is " + poolSize
                    + ", which leaves " + resolved + " threads on " + processors + " processors; use a positive"
                    + " number, or -1 (all processors), -2 (all but one), ...");
        }
        return resolved;
    }

    public Object getTask() {
        return task;
    }

    public void setTask(Object task) {
        this.task = task;
    }

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }

    public String getBackend() {
        return backend;
    }

    public void setBackend(String backend) {
        this.backend = backend;
    }

    public int getPoolSize() {
        return poolSize;
    }

    public void setPoolSize(int poolSize) {
        this.poolSize = poolSize;
    }

    public int getChunkSize() {
        return chunkSize;
    }

    public void setChunkSize(int chunkSize) {
        this.chunkSize = chunkSize;
    }

    public int getMaxInFlight() {
        return maxInFlight;
    }

    public void setMaxInFlight(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    public boolean isOrdered() {
        return ordered;
    }

    public void setOrdered(boolean ordered) {
        this.ordered = ordered;
    }

    public String getOnError() {
        return onError;
    }

    public void setOnError(String onError) {
        this.onError = onError;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public long getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(long retryDelay) {
        this.retryDelay = retryDelay;
    }

    public long getTaskTimeout() {
        return taskTimeout;
    }

    public void setTaskTimeout(long taskTimeout) {
        this.taskTimeout = taskTimeout;
    }

    public long getTimeout() {
        return timeout;
    }

    public void setTimeout(long timeout) {
        this.timeout = timeout;
    }

    public ExecutorService getExecutorService() {
        return executorService;
    }

    public void setExecutorService(ExecutorService executorService) {
        this.executorService = executorService;
    }

    public String getThreadPoolProfile() {
        return threadPoolProfile;
    }

    public void setThreadPoolProfile(String threadPoolProfile) {
        this.threadPoolProfile = threadPoolProfile;
    }
}
