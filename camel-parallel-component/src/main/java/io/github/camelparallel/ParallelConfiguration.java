package io.github.camelparallel;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

import io.github.camelparallel.dispatch.DispatchOptions;
import io.github.camelparallel.dispatch.ErrorPolicy;
import io.github.camelparallel.protocol.LineReader;
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
    static final Set<String> POOL_OPTIONS = Set.of("backend", "poolSize", "executorService", "threadPoolProfile",
            "command", "workerClasspath", "workerJvmOptions", "javaHome", "initializer", "lazyStart", "maxTasksPerWorker",
            "workerStartupTimeout", "maxMessageSize", "workerEnv", "task", "workerCds", "workerCdsDir", "members",
            "clientMode", "hazelcastInstance", "clusterName", "hazelcastConfig");

    @UriParam(label = "producer", description = "The function run over every item: a java.util.function.Function, a Camel"
            + " Processor (one exchange per item) or any bean (see method), as a reference: #name, #bean:name,"
            + " #class:fqcn or #type:fqcn. Without a task, items go to the route that consumes from parallel:name.")
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
              description = "How many items run at once. Positive: that many; -1: all available processors; -2: all but"
                      + " one (joblib's n_jobs: processors plus 1 plus n). 0, or a result below 1, is an error.")
    private int poolSize = -1;
    @UriParam(label = "producer", defaultValue = "0",
              description = "Items per task; 0 sizes chunks automatically from measured task durations.")
    private int chunkSize;
    @UriParam(label = "producer,advanced", defaultValue = "0",
              description = "Chunks of one batch dispatched and not yet done (with streaming: and not yet consumed);"
                      + " 0 means twice the pool size (joblib's pre_dispatch).")
    private int maxInFlight;
    @UriParam(label = "producer", defaultValue = "true",
              description = "Results in input order (true) or in completion order (false).")
    private boolean ordered = true;
    @UriParam(label = "producer", defaultValue = "false",
              description = "Read the batch lazily and hand on the results as they come: the body becomes a lazy"
                      + " java.util.Iterator (also Closeable) of results, input is read only as the window frees up"
                      + " (at most maxInFlight chunks dispatched and not yet consumed), so memory stays bounded on"
                      + " inputs of any length. No batch headers are set; the iterator counts instead.")
    private boolean streaming;
    @UriParam(label = "producer", defaultValue = "false",
              description = "Log the batch's progress at INFO every progressInterval (done/total, percent, items/s,"
                      + " elapsed, ETA, failed, retried) and a final line, and publish the same numbers as"
                      + " ParallelProgressEvent (a Camel event of type Custom) and in the exchange property"
                      + " CamelParallelProgress.")
    private boolean progress;
    @UriParam(label = "producer", defaultValue = "5000", javaType = "java.time.Duration",
              description = "How often progress is reported when progress=true.")
    private long progressInterval = 5000;
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

    @UriParam(label = "process",
              description = "backend=process: the command line of an external worker in any language that speaks the"
                      + " worker protocol, e.g. python3 my_worker.py (split into words, quotes honoured, never run"
                      + " through a shell). Without it, JVM workers run the task class.")
    private String command;
    @UriParam(label = "process,advanced",
              description = "backend=process: the classpath of JVM workers; default the parent's.")
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
              description = "backend=process: recycle a worker after this many items (for leaky libraries); 0: never.")
    private int maxTasksPerWorker;
    @UriParam(label = "process", defaultValue = "30000", javaType = "java.time.Duration",
              description = "backend=process: a worker that has not said hello by then is killed and reported; 0: no"
                      + " bound (a start still ends when the worker exits).")
    private long workerStartupTimeout = 30000;
    @UriParam(label = "process,advanced", defaultValue = "67108864",
              description = "backend=process: the longest protocol line accepted from a worker, in bytes (1024 to"
                      + " 2147483631); a longer result fails its item, any other longer line is a protocol error.")
    private int maxMessageSize = 64 * 1024 * 1024;
    @UriParam(label = "process", prefix = "workerEnv.", multiValue = true,
              description = "backend=process: environment entries added to the parent's for the workers, e.g."
                      + " workerEnv.OMP_NUM_THREADS=1.")
    private Map<String, Object> workerEnv;
    @UriParam(label = "process,advanced", defaultValue = "true",
              description = "backend=process: start JVM workers with a class data sharing (AppCDS) archive, built"
                      + " automatically in the background the first time a pool runs a given classpath (jars only)"
                      + " and task class; halves a worker's start-up. false: never.")
    private boolean workerCds = true;
    @UriParam(label = "process,advanced",
              description = "backend=process: the directory of the workers' class data sharing archives, private to"
                      + " the user; default ~/.cache/camel-parallel/cds.")
    private String workerCdsDir;

    @UriParam(label = "hazelcast",
              description = "backend=hazelcast: host:port of cluster members to join over TCP-IP (multicast is off), comma"
                      + " separated; with clientMode, the members to connect to. Empty: an embedded member alone, bound"
                      + " to 127.0.0.1, in a private cluster.")
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

    @UriParam(label = "cache", defaultValue = "false",
              description = "Remember results (joblib's Memory): true for the on-disk store under cacheDir, or #ref to"
                      + " your own io.github.camelparallel.cache.ResultCache (e.g. one shared by a cluster). An item"
                      + " whose result is known is not run again; keys are the task, its version and the item's JSON.")
    private Object cache;
    @UriParam(label = "cache",
              description = "cache=true: the folder of the on-disk result store, one sub-folder per task; default"
                      + " ~/.cache/camel-parallel/results.")
    private String cacheDir;
    @UriParam(label = "cache",
              description = "The task's version in cache keys: change it to invalidate the task's cached results. Default:"
                      + " a hash of the task class's bytecode and of the classes of its own jar or folder it uses (of"
                      + " the command and its script files for a worker command); required for a route task.")
    private String taskVersion;
    @UriParam(label = "cache", defaultValue = "1073741824",
              description = "cache=true: the bound on the on-disk store of one task, in bytes; the least recently used"
                      + " entries are evicted past it.")
    private long cacheMaxBytes = 1L << 30;
    @UriParam(label = "cache", defaultValue = "false",
              description = "Remember failures too (an item that failed after its retries fails again from the cache,"
                      + " with a CachedFailureException naming the original error), instead of re-running it.")
    private boolean cacheErrors;

    /** The options a backend factory reads, by option name; unset ones are left out. */
    Map<String, Object> backendSettings() {
        Map<String, Object> settings = new HashMap<>();
        putIfSet(settings, "executorService", executorService);
        putIfSet(settings, "threadPoolProfile", threadPoolProfile);
        if ("process".equals(backend)) {
            // the worker class is part of a process pool (each worker runs one task class), compared by name
            putIfSet(settings, "task", task == null || task instanceof String ? task : task.getClass().getName());
            putIfSet(settings, "command", command);
            putIfSet(settings, "workerClasspath", workerClasspath);
            putIfSet(settings, "workerJvmOptions", workerJvmOptions);
            putIfSet(settings, "javaHome", javaHome);
            putIfSet(settings, "initializer",
                    initializer == null || initializer instanceof String ? initializer : initializer.getClass().getName());
            putIfSet(settings, "workerEnv", workerEnv == null || workerEnv.isEmpty() ? null : Map.copyOf(workerEnv));
            settings.put("lazyStart", lazyStart);
            settings.put("maxTasksPerWorker", requireNonNegative("maxTasksPerWorker", maxTasksPerWorker));
            if (workerStartupTimeout < 0) {
                throw new IllegalArgumentException("Option workerStartupTimeout must be 0 (no bound) or more but was "
                        + workerStartupTimeout);
            }
            settings.put("workerStartupTimeout", workerStartupTimeout);
            if (maxMessageSize < 1024 || maxMessageSize > LineReader.MAX_LINE_BYTES) {
                // the upper bound is the line reader's: a larger value would only fail when the first worker starts
                throw new IllegalArgumentException("Option maxMessageSize must be between 1024 and "
                        + LineReader.MAX_LINE_BYTES + " bytes but was " + maxMessageSize);
            }
            settings.put("maxMessageSize", maxMessageSize);
            settings.put("workerCds", workerCds);
            putIfSet(settings, "workerCdsDir", workerCdsDir);
        }
        if ("hazelcast".equals(backend)) {
            putIfSet(settings, "task", task == null || task instanceof String ? task : task.getClass().getName());
            putIfSet(settings, "members", members);
            settings.put("clientMode", clientMode);
            putIfSet(settings, "hazelcastInstance", hazelcastInstance);
            putIfSet(settings, "clusterName", clusterName);
            putIfSet(settings, "hazelcastConfig", hazelcastConfig);
        }
        return settings;
    }

    private static void putIfSet(Map<String, Object> settings, String key, Object value) {
        if (value != null) {
            settings.put(key, value);
        }
    }

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
}
