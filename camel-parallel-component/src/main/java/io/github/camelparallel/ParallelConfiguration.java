package io.github.camelparallel;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import io.github.camelparallel.dispatch.DispatchOptions;
import io.github.camelparallel.dispatch.ErrorPolicy;
import io.github.camelparallel.spi.BackendSettings.HazelcastSettings;
import io.github.camelparallel.spi.BackendSettings.ProcessSettings;
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

    @UriParam(label = "producer",
              description = "The function run over every item, as a reference (#name, #bean:name, #class:fqcn or"
                      + " #type:fqcn) to a java.util.function.Function, a Camel Processor or any bean;"
                      + " without it, items go to the route consuming from parallel:name.")
    private Object task;
    @UriParam(label = "producer", description = "The one-argument method of the task bean to call with each item,"
            + " when the bean is not a Function or Processor or has several candidate methods.")
    private String method;
    @UriParam(label = "common", defaultValue = "thread", enums = "thread,virtual,process,hazelcast",
              description = "Where items run: thread (platform threads from Camel's ExecutorServiceManager), virtual"
                      + " (virtual threads, Java 21 or newer), process (warm worker processes, JVM or any language) or"
                      + " hazelcast (a Hazelcast cluster, embedded in this JVM by default; needs com.hazelcast:hazelcast).")
    private String backend = "thread";
    @UriParam(label = "common", defaultValue = "-1",
              description = "How many items run at once: n, or as joblib's n_jobs -1 for every processor and -2"
                      + " for all but one (at most 32767 on thread and hazelcast, 4096 on process; on virtual,"
                      + " 2147483647 means no bound).")
    private int poolSize = -1;
    @UriParam(label = "producer", defaultValue = "0",
              description = "Items per chunk, the unit handed to one thread or worker; 0 sizes chunks"
                      + " automatically from measured run times.")
    private int chunkSize;
    @UriParam(label = "producer,advanced", defaultValue = "0",
              description = "The most chunks of one batch dispatched and not yet done (with streaming, not yet"
                      + " consumed); 0 means twice the pool size, like joblib's pre_dispatch.")
    private int maxInFlight;
    @UriParam(label = "producer", defaultValue = "true",
              description = "Whether results come in input order (true) or in completion order (false).")
    private boolean ordered = true;
    @UriParam(label = "producer", defaultValue = "false",
              description = "Read the batch lazily and make the body a lazy java.util.Iterator of results, so"
                      + " memory stays bounded on inputs of any length (no batch headers are set).")
    private boolean streaming;
    @UriParam(label = "producer", defaultValue = "false",
              description = "Log the batch's progress at INFO every progressInterval (done, total, rate, ETA) and"
                      + " publish it as a ParallelProgressEvent and in the CamelParallelProgress exchange"
                      + " property.")
    private boolean progress;
    @UriParam(label = "producer", defaultValue = "5000", javaType = "java.time.Duration",
              description = "How often progress is reported when progress=true.")
    private long progressInterval = 5000;
    @UriParam(label = "producer", defaultValue = "fail", enums = "fail,collect,skip",
              description = "What a failed item does after its retries: fail the exchange with"
                      + " ParallelTaskException (fail), leave null at its position (collect) or leave it out"
                      + " (skip); failures are listed in the CamelParallelErrors header.")
    private String onError = "fail";
    @UriParam(label = "producer", defaultValue = "0",
              description = "How many times a failed item is run again before onError applies.")
    private int maxRetries;
    @UriParam(label = "producer", defaultValue = "0", javaType = "java.time.Duration",
              description = "The wait before each re-run of a failed item.")
    private long retryDelay;
    @UriParam(label = "producer", defaultValue = "0", javaType = "java.time.Duration",
              description = "The time one attempt of one item may take before it is interrupted and fails with a"
                      + " TimeoutException; 0 means no limit.")
    private long taskTimeout;
    @UriParam(label = "producer", defaultValue = "0", javaType = "java.time.Duration",
              description = "The time the whole batch may take, after which every unfinished item fails by index"
                      + " with a TimeoutException; 0 means no limit.")
    private long timeout;
    @UriParam(label = "common,advanced",
              description = "A thread pool of your own for backend=thread, used as is and never shut down.")
    private ExecutorService executorService;
    @UriParam(label = "common,advanced",
              description = "The id of a Camel thread pool profile to create the backend=thread pool from.")
    private String threadPoolProfile;

    @UriParam(label = "process",
              description = "backend=process: the command line of a worker in any language that speaks the worker"
                      + " protocol, e.g. python3 my_worker.py (never run through a shell); without it, JVM"
                      + " workers run the task class.")
    private String command;
    @UriParam(label = "process,advanced",
              description = "backend=process: the classpath of JVM workers; default found at route start from the"
                      + " application's packaging.")
    private String workerClasspath;
    @UriParam(label = "process",
              description = "backend=process: options of the JVM workers, e.g. -Xmx256m.")
    private String workerJvmOptions;
    @UriParam(label = "process,advanced",
              description = "backend=process: the Java installation of JVM workers; default the parent's java binary.")
    private String javaHome;
    @UriParam(label = "process",
              description = "backend=process: a Runnable class (#class:fqcn) run once in each JVM worker before its"
                      + " first item; if it fails, the pool fails to start with its error.")
    private Object initializer;
    @UriParam(label = "process", defaultValue = "false",
              description = "backend=process: start the workers on the first batch instead of at route start.")
    private boolean lazyStart;
    @UriParam(label = "process", defaultValue = "0",
              description = "backend=process: replace a worker after it has run this many items, for libraries"
                      + " that leak; 0 means never.")
    private int maxTasksPerWorker;
    @UriParam(label = "process", defaultValue = "30000", javaType = "java.time.Duration",
              description = "backend=process: a worker that has not said hello by then is killed and reported; 0: no"
                      + " bound (a start still ends when the worker exits).")
    private long workerStartupTimeout = ProcessSettings.DEFAULT_WORKER_STARTUP_TIMEOUT;
    @UriParam(label = "process,advanced", defaultValue = "67108864",
              description = "backend=process: the longest protocol line accepted from a worker, in bytes (1024 to"
                      + " 2147483631); a longer result fails its item, any other longer line is a protocol error.")
    private int maxMessageSize = ProcessSettings.DEFAULT_MAX_MESSAGE_SIZE;
    @UriParam(label = "process", prefix = "workerEnv.", multiValue = true,
              description = "backend=process: environment entries added to the parent's for the workers, e.g."
                      + " workerEnv.OMP_NUM_THREADS=1.")
    private Map<String, Object> workerEnv;
    @UriParam(label = "process,advanced", defaultValue = "true",
              description = "backend=process: start JVM workers from a class data sharing archive, built in the"
                      + " background on first use for each classpath and task class, which halves their"
                      + " start-up; false turns it off.")
    private boolean workerCds = true;
    @UriParam(label = "process,advanced",
              description = "backend=process: the folder of the workers' class data sharing archives, private to"
                      + " the user; default ${user.home}/.cache/camel-parallel/cds.")
    private String workerCdsDir;

    @UriParam(label = "hazelcast",
              description = "backend=hazelcast: the comma-separated host:port of the members to join over TCP-IP"
                      + " (with clientMode, to connect to); empty means an embedded member alone on 127.0.0.1"
                      + " in a private cluster.")
    private String members;
    @UriParam(label = "hazelcast", defaultValue = "false",
              description = "backend=hazelcast: connect as a Hazelcast client instead of joining as a member, so this"
                      + " JVM runs no tasks (the members do).")
    private boolean clientMode;
    @UriParam(label = "hazelcast,advanced",
              description = "backend=hazelcast: your own HazelcastInstance (#ref), used as is and never shut down; it"
                      + " must register the data serializable factory io.github.camelparallel.backend.hazelcast"
                      + ".ParallelSerializables.")
    private Object hazelcastInstance;
    @UriParam(label = "hazelcast",
              description = "backend=hazelcast: the cluster name; default camel-parallel when members or clientMode is"
                      + " set, else a private name.")
    private String clusterName;
    @UriParam(label = "hazelcast,advanced",
              description = "backend=hazelcast: a Hazelcast XML or YAML configuration file (a client configuration in"
                      + " client mode) to start from instead of the built-in defaults.")
    private String hazelcastConfig;
    @UriParam(label = "hazelcast", defaultValue = "30000", javaType = "java.time.Duration",
              description = "backend=hazelcast with clientMode: how long the client tries to reach a listed member at"
                      + " start before the route fails naming the members (0: no bound; a hazelcastConfig file's"
                      + " own connection-retry settings win).")
    private long clientConnectTimeout = HazelcastSettings.DEFAULT_CLIENT_CONNECT_TIMEOUT;

    @UriParam(label = "cache", defaultValue = "false",
              description = "Remember results like joblib's Memory: true for the on-disk store under cacheDir, or"
                      + " #ref to your own io.github.camelparallel.cache.ResultCache; an item whose result is"
                      + " known is not run again.")
    private Object cache;
    @UriParam(label = "cache",
              description = "cache=true: the folder of the on-disk result store, one sub-folder per task; default"
                      + " ${user.home}/.cache/camel-parallel/results.")
    private String cacheDir;
    @UriParam(label = "cache",
              description = "The task's version in cache keys, to change when its results must be computed again;"
                      + " default a hash of the task's code (of the command and its script files for a worker"
                      + " command), required for a route task.")
    private String taskVersion;
    @UriParam(label = "cache", defaultValue = "1073741824",
              description = "cache=true: the bound on the on-disk store of one task, in bytes; the least recently used"
                      + " entries are evicted past it.")
    private long cacheMaxBytes = 1L << 30;
    @UriParam(label = "cache", defaultValue = "false",
              description = "Remember failures too, so that an item that failed after its retries fails again"
                      + " from the cache with a CachedFailureException instead of running again.")
    private boolean cacheErrors;
    @UriParam(label = "cache",
              description = "An expression (simple language, e.g. ${header.lang}) evaluated once per batch and mixed into"
                      + " every item's cache key, for a task that reads more than its item (a route or Processor"
                      + " task reading headers).")
    private String cacheKey;

    public ParallelConfiguration copy() {
        try {
            ParallelConfiguration copy = (ParallelConfiguration) clone();
            copy.workerEnv = workerEnv == null ? null : new HashMap<>(workerEnv);
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /** Validates and converts the batch options; errors name the option. */
    DispatchOptions toDispatchOptions(String poolName) {
        if (progress && progressInterval <= 0) {
            throw new IllegalArgumentException("Option progressInterval must be > 0 but was " + progressInterval);
        }
        return new DispatchOptions(poolName, requireNonNegative("chunkSize", chunkSize),
                requireNonNegative("maxInFlight", maxInFlight), ordered, ErrorPolicy.parse(onError),
                requireNonNegative("maxRetries", maxRetries), retryDelay, taskTimeout, timeout, streaming);
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

    /** The largest poolSize of each backend; a backend not named here (virtual) takes any positive value. */
    static final Map<String, Integer> MAX_POOL_SIZE = Map.of("thread", 32_767, "process", 4_096, "hazelcast", 32_767);

    /**
     * Fails at start when {@code poolSize} is beyond what the backend can hold, naming the option and the bound:
     * a platform thread, a worker process or a member thread each is a real resource. On virtual threads any value is
     * taken, and Integer.MAX_VALUE means "no bound" (every sum over it saturates).
     */
    static int checkPoolSizeBound(String backend, int poolSize, String poolName) {
        Integer max = MAX_POOL_SIZE.get(backend);
        if (max != null && poolSize > max) {
            throw new IllegalArgumentException("Option poolSize of parallel:" + poolName + " is " + poolSize
                    + ", beyond the bound of backend=" + backend + " (" + max + ("process".equals(backend)
                            ? " worker processes" : " threads") + "). Use at most " + max
                    + (backend.equals("thread") ? ", or backend=virtual, where any poolSize is taken and"
                            + " 2147483647 means no bound." : "."));
        }
        return poolSize;
    }

    public boolean isProgress() {
        return progress;
    }

    public void setProgress(boolean progress) {
        this.progress = progress;
    }

    public long getProgressInterval() {
        return progressInterval;
    }

    public void setProgressInterval(long progressInterval) {
        this.progressInterval = progressInterval;
    }

    public boolean isStreaming() {
        return streaming;
    }

    public void setStreaming(boolean streaming) {
        this.streaming = streaming;
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

    public String getCommand() {
        return command;
    }

    public void setCommand(String command) {
        this.command = command;
    }

    public String getWorkerClasspath() {
        return workerClasspath;
    }

    public void setWorkerClasspath(String workerClasspath) {
        this.workerClasspath = workerClasspath;
    }

    public String getWorkerJvmOptions() {
        return workerJvmOptions;
    }

    public void setWorkerJvmOptions(String workerJvmOptions) {
        this.workerJvmOptions = workerJvmOptions;
    }

    public String getJavaHome() {
        return javaHome;
    }

    public void setJavaHome(String javaHome) {
        this.javaHome = javaHome;
    }

    public Object getInitializer() {
        return initializer;
    }

    public void setInitializer(Object initializer) {
        this.initializer = initializer;
    }

    public boolean isLazyStart() {
        return lazyStart;
    }

    public void setLazyStart(boolean lazyStart) {
        this.lazyStart = lazyStart;
    }

    public int getMaxTasksPerWorker() {
        return maxTasksPerWorker;
    }

    public void setMaxTasksPerWorker(int maxTasksPerWorker) {
        this.maxTasksPerWorker = maxTasksPerWorker;
    }

    public long getWorkerStartupTimeout() {
        return workerStartupTimeout;
    }

    public void setWorkerStartupTimeout(long workerStartupTimeout) {
        this.workerStartupTimeout = workerStartupTimeout;
    }

    public int getMaxMessageSize() {
        return maxMessageSize;
    }

    public void setMaxMessageSize(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public Map<String, Object> getWorkerEnv() {
        return workerEnv;
    }

    public void setWorkerEnv(Map<String, Object> workerEnv) {
        this.workerEnv = workerEnv;
    }

    public boolean isWorkerCds() {
        return workerCds;
    }

    public void setWorkerCds(boolean workerCds) {
        this.workerCds = workerCds;
    }

    public String getWorkerCdsDir() {
        return workerCdsDir;
    }

    public void setWorkerCdsDir(String workerCdsDir) {
        this.workerCdsDir = workerCdsDir;
    }

    public String getMembers() {
        return members;
    }

    public void setMembers(String members) {
        this.members = members;
    }

    public boolean isClientMode() {
        return clientMode;
    }

    public void setClientMode(boolean clientMode) {
        this.clientMode = clientMode;
    }

    public Object getHazelcastInstance() {
        return hazelcastInstance;
    }

    public void setHazelcastInstance(Object hazelcastInstance) {
        this.hazelcastInstance = hazelcastInstance;
    }

    public String getClusterName() {
        return clusterName;
    }

    public void setClusterName(String clusterName) {
        this.clusterName = clusterName;
    }

    public String getHazelcastConfig() {
        return hazelcastConfig;
    }

    public void setHazelcastConfig(String hazelcastConfig) {
        this.hazelcastConfig = hazelcastConfig;
    }

    public long getClientConnectTimeout() {
        return clientConnectTimeout;
    }

    public void setClientConnectTimeout(long clientConnectTimeout) {
        this.clientConnectTimeout = clientConnectTimeout;
    }

    public Object getCache() {
        return cache;
    }

    public void setCache(Object cache) {
        this.cache = cache;
    }

    public String getCacheDir() {
        return cacheDir;
    }

    public void setCacheDir(String cacheDir) {
        this.cacheDir = cacheDir;
    }

    public String getTaskVersion() {
        return taskVersion;
    }

    public void setTaskVersion(String taskVersion) {
        this.taskVersion = taskVersion;
    }

    public long getCacheMaxBytes() {
        return cacheMaxBytes;
    }

    public void setCacheMaxBytes(long cacheMaxBytes) {
        this.cacheMaxBytes = cacheMaxBytes;
    }

    public boolean isCacheErrors() {
        return cacheErrors;
    }

    public void setCacheErrors(boolean cacheErrors) {
        this.cacheErrors = cacheErrors;
    }

    public String getCacheKey() {
        return cacheKey;
    }

    public void setCacheKey(String cacheKey) {
        this.cacheKey = cacheKey;
    }
}
