package io.github.camelparallel;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.camelparallel.backend.FunctionTaskClass;
import io.github.camelparallel.backend.process.WorkerCommand;
import io.github.camelparallel.cache.DiskResultCache;
import io.github.camelparallel.cache.ResultCache;
import io.github.camelparallel.cache.TaskResultCache;
import io.github.camelparallel.cache.TaskResultCache.CachedTask;
import io.github.camelparallel.cache.TaskVersion;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;

/**
 * Turns the endpoint's {@code cache}, {@code cacheDir}, {@code taskVersion}, {@code cacheMaxBytes} and
 * {@code cacheErrors} options into the producer's {@link TaskResultCache}, once, at producer start; null when caching
 * is off. Errors name the option and the pool. Stateless.
 * <p>
 * A task's identity: its class name (plus {@code #method}); a lambda has no stable class name, so it is named by the
 * class that defines it and the pool; a worker command by its command line; a route task ({@code from("parallel:x")})
 * by the pool, and it must be given a {@code taskVersion} since its code cannot be hashed.
 */
final class ResultCacheResolver {

    static final String DEFAULT_DIR = System.getProperty("user.home") + "/.cache/camel-parallel/results";

    private ResultCacheResolver() {
    }

    /** @param taskClass the class of the endpoint's resolved task, null for a route task or a worker command */
    static TaskResultCache resolve(ParallelEndpoint endpoint, Class<?> taskClass) throws Exception {
        ParallelConfiguration config = endpoint.getConfiguration();
        String pool = endpoint.getName();
        ResultCache userStore = userStore(config.getCache(), endpoint.getCamelContext(), pool);
        if (userStore == null && !isOn(config.getCache(), pool)) {
            return null;
        }
        CachedTask task = cachedTask(endpoint, taskClass);
        ResultCache store = userStore != null ? userStore
                : new DiskResultCache(Paths.get(config.getCacheDir() != null ? config.getCacheDir() : DEFAULT_DIR)
                        .resolve(task.folderName()), config.getCacheMaxBytes(), pool);
        return new TaskResultCache(pool, task, store, config.isCacheErrors());
    }

    /** The endpoint's {@code cacheKey} expression (simple language), null when unset; it needs a cache. */
    static Expression cacheKey(ParallelEndpoint endpoint, TaskResultCache cache) {
        String text = endpoint.getConfiguration().getCacheKey();
        if (text == null || text.isBlank()) {
            return null;
        }
        if (cache == null) {
            throw new IllegalArgumentException("Option cacheKey of parallel:" + endpoint.getName() + " needs cache=true"
                    + " (or cache=#store): without a cache there is no key to mix it into");
        }
        Expression expression = endpoint.getCamelContext().resolveLanguage("simple").createExpression(text);
        expression.init(endpoint.getCamelContext());
        return expression;
    }

    /** The value of the {@code cacheKey} expression for one batch exchange; null without one. */
    static String batchKey(Expression cacheKey, Exchange batch, ParallelEndpoint endpoint) {
        if (cacheKey == null) {
            return null;
        }
        try {
            return String.valueOf(cacheKey.evaluate(batch, String.class));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Option cacheKey of parallel:" + endpoint.getName() + ": cannot evaluate "
                    + endpoint.getConfiguration().getCacheKey() + " for the batch: " + e.getMessage(), e);
        }
    }

    private static boolean isOn(Object option, String pool) {
        if (option == null || option instanceof Boolean b && !b || "false".equals(option)) {
            return false;
        }
        if (option instanceof Boolean || "true".equals(option)) {
            return true;
        }
        throw new IllegalArgumentException("Option cache of parallel:" + pool + " must be true, false or a #reference to"
                + " an io.github.camelparallel.cache.ResultCache, but was " + describe(option));
    }

    private static ResultCache userStore(Object option, CamelContext context, String pool) {
        Object store = BeanReferences.resolve(context, option, "cache", pool);
        if (store instanceof ResultCache cache) {
            return cache;
        }
        if (store != option) {
            throw new IllegalArgumentException("Option cache of parallel:" + pool + ": " + describe(store)
                    + " is not an io.github.camelparallel.cache.ResultCache");
        }
        return null;
    }

    private static CachedTask cachedTask(ParallelEndpoint endpoint, Class<?> type) throws Exception {
        ParallelConfiguration config = endpoint.getConfiguration();
        String pool = endpoint.getName();
        String version = config.getTaskVersion();
        if (type != null) {
            String method = config.getMethod() == null ? "" : "#" + config.getMethod();
            Class<?> code = type.isHidden() ? hostOf(type, endpoint.getCamelContext()) : type;
            String identity = type.isHidden() ? "lambda:" + code.getName() + "@" + pool + method : type.getName() + method;
            return new CachedTask(identity, version != null ? version : TaskVersion.ofClass(code), code,
                    Function.class.isAssignableFrom(type) ? FunctionTaskClass.resultType(type) : null);
        }
        if (config.getPython() != null && !config.getPython().isBlank()) {
            return new CachedTask("python:" + config.getPython().trim(), version != null ? version
                    : pythonVersion(config, pool), null, null);
        }
        if (config.getCommand() != null && !config.getCommand().isBlank()) {
            // split as the workers' command line is split (quotes honoured), so a quoted script path hashes that file
            List<String> argv = WorkerCommand.external(config.getCommand(), Map.of()).argv();
            return new CachedTask("command:" + config.getCommand().trim(), version != null ? version
                    : TaskVersion.ofCommand(argv, Path.of("").toAbsolutePath()), null, null);
        }
        if (version == null) {
            throw new IllegalArgumentException("Option cache of parallel:" + pool + " needs taskVersion when the task is"
                    + " the route from(\"parallel:" + pool + "\"): a route's code cannot be hashed, so set taskVersion"
                    + " and change it when the route changes");
        }
        return new CachedTask("route:" + pool, version, null, null);
    }

    /** The version of a python= task: its module's source, looked up in pythonPath then the working folder. */
    private static String pythonVersion(ParallelConfiguration config, String pool) {
        List<Path> folders = new ArrayList<>();
        if (config.getPythonPath() != null && !config.getPythonPath().isBlank()) {
            for (String folder : config.getPythonPath().split(java.io.File.pathSeparator)) {
                folders.add(Path.of(folder).toAbsolutePath());
            }
        }
        folders.add(Path.of("").toAbsolutePath());
        try {
            return TaskVersion.ofPythonFunction(config.getPython().trim(), folders);
        } catch (IOException e) {
            throw new IllegalArgumentException("Option cache of parallel:" + pool + " versions a python= task by its"
                    + " module's source file, but " + e.getMessage() + ": set taskVersion (and change it when the"
                    + " function changes)", e);
        }
    }

    /** The class whose code defines a lambda ({@code com.acme.Routes$$Lambda/0x...} → {@code com.acme.Routes}). */
    private static Class<?> hostOf(Class<?> lambda, CamelContext context) {
        String name = lambda.getName();
        int cut = name.indexOf("$$Lambda");
        Class<?> host = cut > 0 ? context.getClassResolver().resolveClass(name.substring(0, cut), lambda.getClassLoader())
                : null;
        if (host == null) {
            throw new IllegalArgumentException("cache=true cannot name the task " + name + " (a hidden class): use a named"
                    + " task class");
        }
        return host;
    }

    private static String describe(Object value) {
        return value == null ? "null" : "'" + value + "' (" + value.getClass().getName() + ")";
    }
}
