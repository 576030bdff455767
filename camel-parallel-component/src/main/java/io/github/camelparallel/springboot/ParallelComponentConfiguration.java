package io.github.camelparallel.springboot;

import java.time.Duration;
import java.util.Map;

import org.apache.camel.spring.boot.ComponentConfigurationPropertiesCommon;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The component options as Spring Boot properties, {@code camel.component.parallel.*}, bound (and type-checked) by
 * Spring Boot and copied onto the component by {@link ParallelComponentAutoConfiguration}. A field stays null
 * until a property sets it, so only the options an application sets reach the component; the defaults are in
 * the component and in {@code spring-configuration-metadata.json}.
 * <p>
 * Written from the component's catalog by SpringBootSources (in the tests): do not edit; after an option
 * changes, run {@code ./mvnw -B -pl camel-parallel-component test -Dtest=SpringBootSourcesTest
 * -Dparallel.springboot.update=true}. Not thread-safe: Spring binds it once at start-up.
 */
@ConfigurationProperties(prefix = "camel.component.parallel")
public class ParallelComponentConfiguration extends ComponentConfigurationPropertiesCommon {

    /**
     * Where items run: thread (platform threads from Camel's ExecutorServiceManager), virtual (virtual threads, Java 21
     * or newer), process (warm worker processes, JVM or any language) or hazelcast (a Hazelcast cluster, embedded in
     * this JVM by default; needs com.hazelcast:hazelcast).
     */
    private String backend;
    /**
     * Component-level defaults for every option; each endpoint gets its own copy.
     */
    private io.github.camelparallel.ParallelConfiguration configuration;
    /**
     * How many items run at once: n, or as joblib's n_jobs -1 for every processor and -2 for all but one (at most 32767
     * on thread and hazelcast, 4096 on process; on virtual, 2147483647 means no bound).
     */
    private Integer poolSize;
    /**
     * A thread pool of your own for backend=thread, used as is and never shut down.
     */
    private java.util.concurrent.ExecutorService executorService;
    /**
     * The id of a Camel thread pool profile to create the backend=thread pool from.
     */
    private String threadPoolProfile;
    /**
     * Allows for bridging the consumer to the Camel routing Error Handler, which mean any exceptions (if possible)
     * occurred while the Camel consumer is trying to pickup incoming messages, or the likes, will now be processed as a
     * message and handled by the routing Error Handler. Important: This is only possible if the 3rd party component
     * allows Camel to be alerted if an exception was thrown. Some components handle this internally only, and therefore
     * bridgeErrorHandler is not possible. In other situations we may improve the Camel component to hook into the 3rd
     * party component and make this possible for future releases. By default the consumer will use the
     * org.apache.camel.spi.ExceptionHandler to deal with exceptions, that will be logged at WARN or ERROR level and
     * ignored.
     */
    private Boolean bridgeErrorHandler;
    /**
     * Items per chunk, the unit handed to one thread or worker; 0 sizes chunks automatically from measured run times.
     */
    private Integer chunkSize;
    /**
     * Whether the producer should be started lazy (on the first message). By starting lazy you can use this to allow
     * CamelContext and routes to startup in situations where a producer may otherwise fail during starting and cause
     * the route to fail being started. By deferring this startup to be lazy then the startup failure can be handled
     * during routing messages via Camel's routing error handlers. Beware that when the first message is processed then
     * creating and starting the producer may take a little time and prolong the total processing time of the
     * processing.
     */
    private Boolean lazyStartProducer;
    /**
     * How many times a failed item is run again before onError applies.
     */
    private Integer maxRetries;
    /**
     * The one-argument method of the task bean to call with each item, when the bean is not a Function or Processor or
     * has several candidate methods.
     */
    private String method;
    /**
     * What a failed item does after its retries: fail the exchange with ParallelTaskException (fail), leave null at its
     * position (collect) or leave it out (skip); failures are listed in the CamelParallelErrors header.
     */
    private String onError;
    /**
     * Whether results come in input order (true) or in completion order (false).
     */
    private Boolean ordered;
    /**
     * Log the batch's progress at INFO every progressInterval (done, total, rate, ETA) and publish it as a
     * ParallelProgressEvent and in the CamelParallelProgress exchange property.
     */
    private Boolean progress;
    /**
     * How often progress is reported when progress=true.
     */
    private Duration progressInterval;
    /**
     * The wait before each re-run of a failed item.
     */
    private Duration retryDelay;
    /**
     * Read the batch lazily and make the body a lazy java.util.Iterator of results, so memory stays bounded on inputs
     * of any length (no batch headers are set).
     */
    private Boolean streaming;
    /**
     * The function run over every item, as a reference (#name, #bean:name, #class:fqcn or #type:fqcn) to a
     * java.util.function.Function, a Camel Processor or any bean; without it, items go to the route consuming from
     * parallel:name.
     */
    private Object task;
    /**
     * The time one attempt of one item may take before it is interrupted and fails with a TimeoutException; 0 means no
     * limit.
     */
    private Duration taskTimeout;
    /**
     * The time the whole batch may take, after which every unfinished item fails by index with a TimeoutException; 0
     * means no limit.
     */
    private Duration timeout;
    /**
     * The most chunks of one batch dispatched and not yet done (with streaming, not yet consumed); 0 means twice the
     * pool size, like joblib's pre_dispatch.
     */
    private Integer maxInFlight;
    /**
     * Whether autowiring is enabled. This is used for automatic autowiring options (the option must be marked as
     * autowired) by looking up in the registry to find if there is a single instance of matching type, which then gets
     * configured on the component. This can be used for automatic configuring JDBC data sources, JMS connection
     * factories, AWS Clients, etc.
     */
    private Boolean autowiredEnabled;
    /**
     * Remember results like joblib's Memory: true for the on-disk store under cacheDir, or #ref to your own
     * io.github.camelparallel.cache.ResultCache; an item whose result is known is not run again.
     */
    private Object cache;
    /**
     * cache=true: the folder of the on-disk result store, one sub-folder per task; default
     * ${user.home}/.cache/camel-parallel/results.
     */
    private String cacheDir;
    /**
     * Remember failures too, so that an item that failed after its retries fails again from the cache with a
     * CachedFailureException instead of running again.
     */
    private Boolean cacheErrors;
    /**
     * An expression (simple language, e.g. ${header.lang}) evaluated once per batch and mixed into every item's cache
     * key, for a task that reads more than its item (a route or Processor task reading headers).
     */
    private String cacheKey;
    /**
     * cache=true: the bound on the on-disk store of one task, in bytes; the least recently used entries are evicted
     * past it.
     */
    private Long cacheMaxBytes;
    /**
     * The task's version in cache keys, to change when its results must be computed again; default a hash of the task's
     * code (of the command and its script files for a worker command), required for a route task.
     */
    private String taskVersion;
    /**
     * backend=hazelcast with clientMode: how long the client tries to reach a listed member at start before the route
     * fails naming the members (0: no bound; a hazelcastConfig file's own connection-retry settings win).
     */
    private Duration clientConnectTimeout;
    /**
     * backend=hazelcast: connect as a Hazelcast client instead of joining as a member, so this JVM runs no tasks (the
     * members do).
     */
    private Boolean clientMode;
    /**
     * backend=hazelcast: the cluster name; default camel-parallel when members or clientMode is set, else a private
     * name.
     */
    private String clusterName;
    /**
     * backend=hazelcast: the comma-separated host:port of the members to join over TCP-IP (with clientMode, to connect
     * to); empty means an embedded member alone on 127.0.0.1 in a private cluster.
     */
    private String members;
    /**
     * backend=hazelcast: a Hazelcast XML or YAML configuration file (a client configuration in client mode) to start
     * from instead of the built-in defaults.
     */
    private String hazelcastConfig;
    /**
     * backend=hazelcast: your own HazelcastInstance (#ref), used as is and never shut down; it must register the data
     * serializable factory io.github.camelparallel.backend.hazelcast.ParallelSerializables.
     */
    private Object hazelcastInstance;
    /**
     * Used for enabling or disabling all consumer based health checks from this component
     */
    private Boolean healthCheckConsumerEnabled;
    /**
     * Used for enabling or disabling all producer based health checks from this component. Notice: Camel has by default
     * disabled all producer based health-checks. You can turn on producer checks globally by setting
     * camel.health.producersEnabled=true.
     */
    private Boolean healthCheckProducerEnabled;
    /**
     * backend=process: the command line of a worker in any language that speaks the worker protocol, e.g. python3
     * my_worker.py (never run through a shell); without it, JVM workers run the task class.
     */
    private String command;
    /**
     * backend=process: run once in each worker before its first item, a Runnable class (#class:fqcn) for JVM workers or
     * module:function with python; if it fails, the pool fails to start with its error.
     */
    private Object initializer;
    /**
     * backend=process: start the workers on the first batch instead of at route start.
     */
    private Boolean lazyStart;
    /**
     * backend=process: replace a worker after it has run this many items, for libraries that leak; 0 means never.
     */
    private Integer maxTasksPerWorker;
    /**
     * backend=process: replace a worker between runs once its resident memory exceeds this many bytes (e.g. 512MB), for
     * libraries that grow; 0 means never.
     */
    private String maxWorkerMemory;
    /**
     * backend=process: run this Python function (module:function) over the items in python worker processes, with no
     * worker script to write.
     */
    private String python;
    /**
     * backend=process with python: the Python interpreter (3.8 or later), e.g. a virtualenv's bin/python.
     */
    private String pythonExecutable;
    /**
     * backend=process with python: folders put before PYTHONPATH to find the function's module, separated by the path
     * separator (: on Linux).
     */
    private String pythonPath;
    /**
     * backend=process: environment entries added to the parent's for the workers, e.g. workerEnv.OMP_NUM_THREADS=1.
     * This is a multi-value option with prefix: workerEnv.
     */
    private Map<String, Object> workerEnv;
    /**
     * backend=process: options of the JVM workers, e.g. -Xmx256m.
     */
    private String workerJvmOptions;
    /**
     * backend=process: a worker that has not said hello by then is killed and reported; 0: no bound (a start still ends
     * when the worker exits).
     */
    private Duration workerStartupTimeout;
    /**
     * backend=process: the Java installation of JVM workers; default the parent's java binary.
     */
    private String javaHome;
    /**
     * backend=process: the longest protocol line accepted from a worker, in bytes (1024 to 2147483631); a longer result
     * fails its item, any other longer line is a protocol error.
     */
    private Integer maxMessageSize;
    /**
     * backend=process: start JVM workers from a class data sharing archive, built in the background on first use for
     * each classpath and task class, which halves their start-up; false turns it off.
     */
    private Boolean workerCds;
    /**
     * backend=process: the folder of the workers' class data sharing archives, private to the user; default
     * ${user.home}/.cache/camel-parallel/cds.
     */
    private String workerCdsDir;
    /**
     * backend=process: the classpath of JVM workers; default found at route start from the application's packaging.
     */
    private String workerClasspath;

    public String getBackend() {
        return backend;
    }

    public void setBackend(String backend) {
        this.backend = backend;
    }

    public io.github.camelparallel.ParallelConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(io.github.camelparallel.ParallelConfiguration configuration) {
        this.configuration = configuration;
    }

    public Integer getPoolSize() {
        return poolSize;
    }

    public void setPoolSize(Integer poolSize) {
        this.poolSize = poolSize;
    }

    public java.util.concurrent.ExecutorService getExecutorService() {
        return executorService;
    }

    public void setExecutorService(java.util.concurrent.ExecutorService executorService) {
        this.executorService = executorService;
    }

    public String getThreadPoolProfile() {
        return threadPoolProfile;
    }

    public void setThreadPoolProfile(String threadPoolProfile) {
        this.threadPoolProfile = threadPoolProfile;
    }

    public Boolean getBridgeErrorHandler() {
        return bridgeErrorHandler;
    }

    public void setBridgeErrorHandler(Boolean bridgeErrorHandler) {
        this.bridgeErrorHandler = bridgeErrorHandler;
    }

    public Integer getChunkSize() {
        return chunkSize;
    }

    public void setChunkSize(Integer chunkSize) {
        this.chunkSize = chunkSize;
    }

    public Boolean getLazyStartProducer() {
        return lazyStartProducer;
    }

    public void setLazyStartProducer(Boolean lazyStartProducer) {
        this.lazyStartProducer = lazyStartProducer;
    }

    public Integer getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(Integer maxRetries) {
        this.maxRetries = maxRetries;
    }

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }

    public String getOnError() {
        return onError;
    }

    public void setOnError(String onError) {
        this.onError = onError;
    }

    public Boolean getOrdered() {
        return ordered;
    }

    public void setOrdered(Boolean ordered) {
        this.ordered = ordered;
    }

    public Boolean getProgress() {
        return progress;
    }

    public void setProgress(Boolean progress) {
        this.progress = progress;
    }

    public Duration getProgressInterval() {
        return progressInterval;
    }

    public void setProgressInterval(Duration progressInterval) {
        this.progressInterval = progressInterval;
    }

    public Duration getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(Duration retryDelay) {
        this.retryDelay = retryDelay;
    }

    public Boolean getStreaming() {
        return streaming;
    }

    public void setStreaming(Boolean streaming) {
        this.streaming = streaming;
    }

    public Object getTask() {
        return task;
    }

    public void setTask(Object task) {
        this.task = task;
    }

    public Duration getTaskTimeout() {
        return taskTimeout;
    }

    public void setTaskTimeout(Duration taskTimeout) {
        this.taskTimeout = taskTimeout;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public Integer getMaxInFlight() {
        return maxInFlight;
    }

    public void setMaxInFlight(Integer maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    public Boolean getAutowiredEnabled() {
        return autowiredEnabled;
    }

    public void setAutowiredEnabled(Boolean autowiredEnabled) {
        this.autowiredEnabled = autowiredEnabled;
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

    public Boolean getCacheErrors() {
        return cacheErrors;
    }

    public void setCacheErrors(Boolean cacheErrors) {
        this.cacheErrors = cacheErrors;
    }

    public String getCacheKey() {
        return cacheKey;
    }

    public void setCacheKey(String cacheKey) {
        this.cacheKey = cacheKey;
    }

    public Long getCacheMaxBytes() {
        return cacheMaxBytes;
    }

    public void setCacheMaxBytes(Long cacheMaxBytes) {
        this.cacheMaxBytes = cacheMaxBytes;
    }

    public String getTaskVersion() {
        return taskVersion;
    }

    public void setTaskVersion(String taskVersion) {
        this.taskVersion = taskVersion;
    }

    public Duration getClientConnectTimeout() {
        return clientConnectTimeout;
    }

    public void setClientConnectTimeout(Duration clientConnectTimeout) {
        this.clientConnectTimeout = clientConnectTimeout;
    }

    public Boolean getClientMode() {
        return clientMode;
    }

    public void setClientMode(Boolean clientMode) {
        this.clientMode = clientMode;
    }

    public String getClusterName() {
        return clusterName;
    }

    public void setClusterName(String clusterName) {
        this.clusterName = clusterName;
    }

    public String getMembers() {
        return members;
    }

    public void setMembers(String members) {
        this.members = members;
    }

    public String getHazelcastConfig() {
        return hazelcastConfig;
    }

    public void setHazelcastConfig(String hazelcastConfig) {
        this.hazelcastConfig = hazelcastConfig;
    }

    public Object getHazelcastInstance() {
        return hazelcastInstance;
    }

    public void setHazelcastInstance(Object hazelcastInstance) {
        this.hazelcastInstance = hazelcastInstance;
    }

    public Boolean getHealthCheckConsumerEnabled() {
        return healthCheckConsumerEnabled;
    }

    public void setHealthCheckConsumerEnabled(Boolean healthCheckConsumerEnabled) {
        this.healthCheckConsumerEnabled = healthCheckConsumerEnabled;
    }

    public Boolean getHealthCheckProducerEnabled() {
        return healthCheckProducerEnabled;
    }

    public void setHealthCheckProducerEnabled(Boolean healthCheckProducerEnabled) {
        this.healthCheckProducerEnabled = healthCheckProducerEnabled;
    }

    public String getCommand() {
        return command;
    }

    public void setCommand(String command) {
        this.command = command;
    }

    public Object getInitializer() {
        return initializer;
    }

    public void setInitializer(Object initializer) {
        this.initializer = initializer;
    }

    public Boolean getLazyStart() {
        return lazyStart;
    }

    public void setLazyStart(Boolean lazyStart) {
        this.lazyStart = lazyStart;
    }

    public Integer getMaxTasksPerWorker() {
        return maxTasksPerWorker;
    }

    public void setMaxTasksPerWorker(Integer maxTasksPerWorker) {
        this.maxTasksPerWorker = maxTasksPerWorker;
    }

    public String getMaxWorkerMemory() {
        return maxWorkerMemory;
    }

    public void setMaxWorkerMemory(String maxWorkerMemory) {
        this.maxWorkerMemory = maxWorkerMemory;
    }

    public String getPython() {
        return python;
    }

    public void setPython(String python) {
        this.python = python;
    }

    public String getPythonExecutable() {
        return pythonExecutable;
    }

    public void setPythonExecutable(String pythonExecutable) {
        this.pythonExecutable = pythonExecutable;
    }

    public String getPythonPath() {
        return pythonPath;
    }

    public void setPythonPath(String pythonPath) {
        this.pythonPath = pythonPath;
    }

    public Map<String, Object> getWorkerEnv() {
        return workerEnv;
    }

    public void setWorkerEnv(Map<String, Object> workerEnv) {
        this.workerEnv = workerEnv;
    }

    public String getWorkerJvmOptions() {
        return workerJvmOptions;
    }

    public void setWorkerJvmOptions(String workerJvmOptions) {
        this.workerJvmOptions = workerJvmOptions;
    }

    public Duration getWorkerStartupTimeout() {
        return workerStartupTimeout;
    }

    public void setWorkerStartupTimeout(Duration workerStartupTimeout) {
        this.workerStartupTimeout = workerStartupTimeout;
    }

    public String getJavaHome() {
        return javaHome;
    }

    public void setJavaHome(String javaHome) {
        this.javaHome = javaHome;
    }

    public Integer getMaxMessageSize() {
        return maxMessageSize;
    }

    public void setMaxMessageSize(Integer maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    public Boolean getWorkerCds() {
        return workerCds;
    }

    public void setWorkerCds(Boolean workerCds) {
        this.workerCds = workerCds;
    }

    public String getWorkerCdsDir() {
        return workerCdsDir;
    }

    public void setWorkerCdsDir(String workerCdsDir) {
        this.workerCdsDir = workerCdsDir;
    }

    public String getWorkerClasspath() {
        return workerClasspath;
    }

    public void setWorkerClasspath(String workerClasspath) {
        this.workerClasspath = workerClasspath;
    }
}
