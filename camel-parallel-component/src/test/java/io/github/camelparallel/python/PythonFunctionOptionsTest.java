package io.github.camelparallel.python;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.github.camelparallel.ParallelConstants;
import io.github.camelparallel.backend.remote.RemoteTaskException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code python=module:function} with real python3 workers, and every process option with it. */
class PythonFunctionOptionsTest extends PythonRouteTestBase {

    private PythonRoutes routes() throws Exception {
        routesWith("jobs",
                "import os, sys, time",
                "STATE = {'init': 0}",
                "def cube(n):",
                "    return n ** 3",
                "def pid(item):",
                "    return os.getpid()",
                "def env(name):",
                "    return os.environ.get(name)",
                "def init():",
                "    STATE['init'] += 1",
                "    with open(os.path.join(os.path.dirname(__file__), 'inits.txt'), 'a') as f:",
                "        f.write('%d\\n' % os.getpid())",
                "def inits(item):",
                "    return STATE['init']",
                "def slow(n):",
                "    if n == 3:",
                "        time.sleep(60)",
                "    return n",
                "def flaky(n):",
                "    marker = os.path.join(os.path.dirname(__file__), 'flaky-%d' % n)",
                "    if n % 2 == 0 and not os.path.exists(marker):",
                "        open(marker, 'w').close()",
                "        raise ValueError('first attempt of %d' % n)",
                "    return n",
                "def where(item):",
                "    return sys.executable");
        return routes;
    }

    private static List<?> body(Exchange out) {
        assertNull(out.getException(), () -> PythonRoutes.messages(out.getException()));
        return out.getMessage().getBody(List.class);
    }

    @Test
    void runsAnExistingFunctionByNameInInputOrder() throws Exception {
        routes().start("python=jobs:cube&poolSize=2&chunkSize=7");
        List<Integer> items = IntStream.rangeClosed(1, 200).boxed().toList();
        List<?> results = body(routes.send(items));
        assertEquals(200, results.size());
        for (int i = 0; i < 200; i++) {
            assertEquals((long) (i + 1) * (i + 1) * (i + 1), ((Number) results.get(i)).longValue(), "item " + i);
        }
        assertEquals(2, routes.backend().workerPids().size());
    }

    @Test
    void theInitializerRunsOncePerWorker() throws Exception {
        routes().start("python=jobs:inits&initializer=jobs:init&poolSize=2");
        List<?> results = body(routes.send(IntStream.range(0, 50).boxed().toList()));
        assertTrue(results.stream().allMatch(r -> ((Number) r).intValue() == 1), results.toString());
        // the route starts at the first hello: the other worker may still be running its initializer
        long deadline = System.currentTimeMillis() + 60_000;
        List<String> lines = Files.readAllLines(folder.resolve("inits.txt"));
        while (lines.size() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            lines = Files.readAllLines(folder.resolve("inits.txt"));
        }
        assertEquals(2, lines.size(), lines.toString());
        assertEquals(new HashSet<>(routes.backend().workerPids().stream().map(String::valueOf).toList()),
                new HashSet<>(lines));
    }

    @Test
    void workerEnvReachesTheFunctionAndPythonPathComesFirst() throws Exception {
        routes().start("python=jobs:env&poolSize=1&workerEnv.JOB_COLOUR=teal&workerEnv.PYTHONPATH=/nowhere");
        List<?> results = body(routes.send(List.of("JOB_COLOUR", "PYTHONPATH")));
        assertEquals("teal", results.get(0));
        String path = (String) results.get(1);
        assertTrue(path.indexOf(folder.toString()) < path.indexOf("/nowhere") && path.endsWith("/nowhere"), path);
    }

    @Test
    void maxTasksPerWorkerRecyclesPythonWorkers() throws Exception {
        routes().start("python=jobs:pid&poolSize=1&chunkSize=1&maxTasksPerWorker=2");
        List<?> pids = body(routes.send(List.of(1, 2, 3, 4, 5, 6)));
        assertEquals(3, new HashSet<>(pids).size(), pids.toString());
    }

    @Test
    void taskTimeoutFailsTheLateItemAloneAndThePoolStillServes() throws Exception {
        routes().start("python=jobs:slow&poolSize=2&chunkSize=1&taskTimeout=2s&onError=collect");
        Exchange out = routes.send(List.of(1, 2, 3, 4));
        List<?> results = body(out);
        assertEquals(1, ((Number) results.get(0)).intValue());
        assertNull(results.get(2));
        assertEquals(4, ((Number) results.get(3)).intValue());
        assertTrue(out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class).containsKey(2));
        assertEquals(List.of(7, 8), body(routes.send(List.of(7, 8))).stream().map(n -> ((Number) n).intValue()).toList());
    }

    @Test
    void retriesRunAFailedItemAgain() throws Exception {
        routes().start("python=jobs:flaky&poolSize=2&chunkSize=2&maxRetries=1");
        List<?> results = body(routes.send(List.of(1, 2, 3, 4)));
        assertEquals(List.of(1, 2, 3, 4), results.stream().map(n -> ((Number) n).intValue()).toList());
    }

    @Test
    void anExceptionFailsItsItemWithThePythonTypeMessageAndTraceback() throws Exception {
        routes().start("python=jobs:cube&poolSize=1&onError=collect");
        Exchange out = routes.send(List.of(2, "x", 3));
        assertEquals(java.util.Arrays.asList(8, null, 27), body(out));
        RemoteTaskException error = assertInstanceOf(RemoteTaskException.class,
                out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class).get(1));
        assertEquals("TypeError", error.getRemoteType());
        assertTrue(error.getMessage().contains("unsupported operand type(s) for ** or pow()"), error.getMessage());
        assertTrue(error.getRemoteTrace().contains("jobs.py\", line 4, in cube"), error.getRemoteTrace());
    }

    @Test
    void streamingReturnsAnIteratorOfResults() throws Exception {
        routes().start("python=jobs:cube&poolSize=2&streaming=true&chunkSize=3");
        Exchange out = routes.send(IntStream.rangeClosed(1, 20).boxed().toList());
        assertNull(out.getException());
        Iterator<?> results = assertInstanceOf(Iterator.class, out.getMessage().getBody());
        for (int i = 1; i <= 20; i++) {
            assertEquals((long) i * i * i, ((Number) results.next()).longValue());
        }
        assertTrue(!results.hasNext());
    }

    @Test
    void lazyStartStartsPythonWorkersOnTheFirstBatch() throws Exception {
        routes().start("python=jobs:cube&poolSize=2&lazyStart=true");
        assertEquals(0, routes.backend().workerPids().size());
        assertEquals(27, ((Number) body(routes.send(List.of(3))).get(0)).intValue());
        assertTrue(routes.backend().workerPids().size() >= 1);
    }

    @Test
    void theCacheKeyFollowsTheFunctionsSourceFile() throws Exception {
        routes();
        String options = "python=jobs:cube&poolSize=1&cache=true&cacheDir=RAW(" + folder.resolve("cache") + ")";
        assertEquals(List.of(0, 3), hitsAndMisses(options), "first run: every item computed");
        assertEquals(List.of(3, 0), hitsAndMisses(options), "same source: every item from the cache");
        Files.writeString(folder.resolve("jobs.py"), "\n# edited: the function's module changed\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertEquals(List.of(0, 3), hitsAndMisses(options), "edited module: the cached results are stale");
    }

    private List<Integer> hitsAndMisses(String options) throws Exception {
        routes.start(options);
        try {
            Exchange out = routes.send(List.of(1, 2, 3));
            assertEquals(List.of(1, 8, 27), body(out).stream().map(n -> ((Number) n).intValue()).toList());
            return List.of(out.getMessage().getHeader(ParallelConstants.CACHE_HITS, Integer.class),
                    out.getMessage().getHeader(ParallelConstants.CACHE_MISSES, Integer.class));
        } finally {
            routes.context.stop();
        }
    }

    @Test
    void aVirtualenvInterpreterRunsTheWorkers() throws Exception {
        routes();
        Path venv = folder.resolve("venv");
        Process make = new ProcessBuilder("python3", "-m", "venv", "--without-pip", venv.toString())
                .redirectErrorStream(true).start();
        String output = new String(make.getInputStream().readAllBytes());
        assumeTrue(make.waitFor() == 0, "python3 -m venv is not available here: " + output);
        Path python = venv.resolve("bin/python");
        routes.start("python=jobs:where&poolSize=1&pythonExecutable=RAW(" + python + ")");
        assertEquals(python.toString(), body(routes.send(List.of(1))).get(0));
    }
}
