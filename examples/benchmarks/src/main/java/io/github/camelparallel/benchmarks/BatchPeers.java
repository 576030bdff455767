package io.github.camelparallel.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every peer of the plain-harness scenarios, built from a short spec so a job list can say which peer to run (and a
 * forked JVM can build it again): {@code sequential}, {@code stream} ({@code parallelStream()}), {@code split} and
 * {@code splitStreaming} (Camel's splitter, {@link CamelPeers}), {@code executor:T} (a hand-chunked fixed pool of T
 * threads, {@link HandChunked}), {@code vexecutor:C} (the same cut into C chunks on a virtual-thread-per-task
 * executor; JDK 21+), and {@code ours:OPTIONS} ({@code parallel:} with those endpoint options).
 * <p>
 * The task is a spec too: {@code cube}, {@code wait:MILLIS} or {@code sha:ROUNDS} ({@link Workloads}). With
 * {@code backend=process} or {@code backend=hazelcast} the endpoint names the task's class
 * ({@link ProcessTasks}, {@code #class:}) and the wait or rounds travel as a system property: in this JVM (an
 * embedded member reads it) and in the worker JVMs' options. Not thread-safe; one batch at a time per peer.
 */
final class BatchPeers {

    private static final AtomicInteger ENDPOINTS = new AtomicInteger();

    /** One peer, ready to run batches; {@link #close()} stops whatever it started. */
    interface Peer extends AutoCloseable {
        List<?> run(List<Integer> items) throws Exception;

        /** Whether its list comes back in completion order rather than input order. */
        default boolean completionOrder() {
            return false;
        }

        @Override
        default void close() throws Exception {
        }
    }

    private BatchPeers() {
    }

    /** The function of a task spec, run in this JVM. */
    static Function<Integer, Long> function(String task) {
        String[] parts = task.split(":", 2);
        return switch (parts[0]) {
            case "cube" -> Workloads.cubeFunction();
            case "wait" -> Workloads.waitFunction(Integer.parseInt(parts[1]));
            case "sha" -> Workloads.sha256Function(Integer.parseInt(parts[1]));
            default -> throw new IllegalArgumentException("unknown task spec '" + task + "' (cube, wait:MS, sha:ROUNDS)");
        };
    }

    /** Whether checking every result costs as much as the batch itself (then only the first and last are checked). */
    static boolean expensive(String task) {
        return !task.equals("cube");
    }

    /** Starts the peer {@code spec} running {@code task}. */
    static Peer open(String spec, String task) throws Exception {
        Function<Integer, Long> function = function(task);
        String[] parts = spec.split(":", 2);
        switch (parts[0]) {
            case "sequential":
                return items -> Sequential.map(items, function);
            case "stream":
                return items -> items.parallelStream().map(function).collect(Collectors.toList());
            case "split":
                return camel(CamelPeers.split(function), false);
            case "splitStreaming":
                return camel(CamelPeers.splitStreaming(function), true);
            case "executor":
                return hand(new HandChunked(Integer.parseInt(parts[1])), function);
            case "vexecutor":
                return hand(new HandChunked(virtualPerTask(), Integer.parseInt(parts[1])), function);
            case "ours":
                return camel(CamelPeers.endpoint(uri(parts[1], task), function), false);
            default:
                throw new IllegalArgumentException("unknown peer spec '" + spec + "'");
        }
    }

    /** The {@code parallel:} URI of {@code ours:OPTIONS} for {@code task}, with the task option added. */
    static String uri(String options, String task) {
        String name = "parallel:b" + ENDPOINTS.incrementAndGet() + "?" + options + "&";
        boolean process = options.contains("backend=process");
        if (!process && !options.contains("backend=hazelcast")) {
            return name + "task=#task";
        }
        String[] parts = task.split(":", 2);
        String className;
        String property = null;
        switch (parts[0]) {
            case "cube" -> className = ProcessTasks.Cube.class.getName();
            case "wait" -> {
                className = ProcessTasks.Wait.class.getName();
                property = ProcessTasks.WAIT_PROPERTY + "=" + parts[1];
            }
            default -> {
                className = ProcessTasks.Sha256.class.getName();
                property = ProcessTasks.ROUNDS_PROPERTY + "=" + parts[1];
            }
        }
        String uri = name + "task=#class:" + className;
        if (property != null) {
            String[] kv = property.split("=");
            System.setProperty(kv[0], kv[1]); // an embedded Hazelcast member builds the task in this JVM
            if (process) {
                uri += "&workerJvmOptions=-D" + property;
            }
        }
        return uri;
    }

    private static Peer camel(CamelPeers camel, boolean completionOrder) {
        return new Peer() {
            @Override
            public List<?> run(List<Integer> items) {
                return camel.run(items);
            }

            @Override
            public boolean completionOrder() {
                return completionOrder;
            }

            @Override
            public void close() throws Exception {
                camel.close();
            }
        };
    }

    private static Peer hand(HandChunked pool, Function<Integer, Long> function) {
        return new Peer() {
            @Override
            public List<?> run(List<Integer> items) throws InterruptedException {
                return pool.map(items, function);
            }

            @Override
            public void close() {
                pool.close();
            }
        };
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()}, looked up so this class still compiles for Java 17. */
    static ExecutorService virtualPerTask() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                    .invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads need Java 21 or newer; this is Java "
                    + Runtime.version().feature(), e);
        }
    }

    /** Checks a batch's results against the task run here: every result, or the first and last of costly tasks. */
    static void check(Peer peer, String task, List<Integer> items, List<?> results) {
        if (results == null || results.size() != items.size()) {
            throw new IllegalStateException("wrong results: " + (results == null ? "null" : results.size())
                    + " for " + items.size() + " items");
        }
        Function<Integer, Long> function = function(task);
        List<?> actual = results;
        if (peer.completionOrder()) {
            List<Long> sorted = new ArrayList<>();
            results.forEach(r -> sorted.add((Long) r));
            sorted.sort(null);
            actual = sorted;
        }
        if (expensive(task) && !task.startsWith("wait")) {
            int last = items.size() - 1;
            if (!peer.completionOrder() && (!function.apply(items.get(0)).equals(actual.get(0))
                    || !function.apply(items.get(last)).equals(actual.get(last)))) {
                throw new IllegalStateException("wrong results: first or last item");
            }
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            long expected = task.startsWith("wait") ? items.get(i) : Workloads.cube(items.get(i));
            if (!Long.valueOf(expected).equals(actual.get(i))) {
                throw new IllegalStateException("wrong results: item " + i + ": expected " + expected + ", got "
                        + actual.get(i));
            }
        }
    }
}
