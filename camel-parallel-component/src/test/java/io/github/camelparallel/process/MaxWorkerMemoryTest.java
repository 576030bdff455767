package io.github.camelparallel.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.github.camelparallel.ParallelComponent;
import io.github.camelparallel.TestContexts;
import io.github.camelparallel.backend.process.ProcessPoolBackend;
import io.github.camelparallel.testing.PythonModule;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * maxWorkerMemory with real workers that leak on purpose (a JVM task, a python= function, a command= worker): every
 * item is answered, the worker that grew past the bound is replaced between runs, and the replacements are counted in
 * the pool's status (what the MBean, the health check and the metrics read). Needs /proc (Linux).
 */
class MaxWorkerMemoryTest {

    @TempDir
    Path folder;
    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private List<?> runLeaking(String options, int items) throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "no /proc on this system: maxWorkerMemory has no effect");
        context = TestContexts.started(Map.of(), TestContexts.route("direct:in",
                "parallel:leaky?backend=process&poolSize=1&chunkSize=1&" + options));
        Exchange out = TestContexts.send(context, "direct:in", IntStream.range(0, items).boxed().toList());
        assertNull(out.getException());
        List<?> pids = out.getMessage().getBody(List.class);
        assertEquals(items, pids.size());
        assertTrue(pids.stream().allMatch(p -> p instanceof Number), "every item answered: " + pids);
        return pids;
    }

    private ProcessPoolBackend backend() {
        return (ProcessPoolBackend) context.getComponent("parallel", ParallelComponent.class).getPoolBackend("leaky");
    }

    private void assertRecycled(List<?> pids) {
        int workers = new HashSet<>(pids).size();
        assertTrue(workers >= 3, "the leaking worker was replaced more than once: " + pids);
        long recycles = backend().status().memoryRecycles();
        // each replacement counted; the last worker may have grown past the bound on its last run too
        assertTrue(recycles == workers - 1 || recycles == workers, recycles + " recycles for " + pids);
        assertEquals(0, backend().restarts(), "recycled, not crashed");
    }

    @Test
    void aLeakingJvmWorkerIsReplacedBetweenRunsAndNothingIsLost() throws Exception {
        assertRecycled(runLeaking("task=#class:" + LeakyTask.class.getName()
                + "&workerJvmOptions=-Xmx1g&maxWorkerMemory=250MB", 12));
    }

    @Test
    void aLeakingPythonFunctionIsReplacedBetweenRunsAndNothingIsLost() throws Exception {
        assumeTrue(PythonModule.onPath("python3"), "python3 is not on the PATH of this machine");
        Files.writeString(folder.resolve("leaky.py"), "import os\nKEPT = []\n"
                + "def leak(item):\n    KEPT.append(b'x' * (24 << 20))\n    return os.getpid()\n");
        assertRecycled(runLeaking("python=leaky:leak&pythonPath=RAW(" + folder + ")&maxWorkerMemory=100MB", 12));
    }

    @Test
    void aLeakingCommandWorkerIsReplacedToo() throws Exception {
        assumeTrue(PythonModule.onPath("python3"), "python3 is not on the PATH of this machine");
        Path worker = Files.writeString(folder.resolve("leaky_worker.py"), "import os\n"
                + "from camel_parallel_worker import serve\nKEPT = []\n"
                + "def leak(item):\n    KEPT.append(b'x' * (24 << 20))\n    return os.getpid()\nserve(leak)\n");
        assertRecycled(runLeaking("command=RAW(python3 " + worker + ")&workerEnv.PYTHONPATH=RAW(" + PythonModule.DIR
                + ")&maxWorkerMemory=100MB", 12));
    }

    @Test
    void withoutTheBoundTheSameWorkerServesEveryItem() throws Exception {
        assumeTrue(PythonModule.onPath("python3"), "python3 is not on the PATH of this machine");
        Files.writeString(folder.resolve("leaky.py"), "import os\nKEPT = []\n"
                + "def leak(item):\n    KEPT.append(b'x' * (4 << 20))\n    return os.getpid()\n");
        List<?> pids = runLeaking("python=leaky:leak&pythonPath=RAW(" + folder + ")", 6);
        assertEquals(1, new HashSet<>(pids).size(), pids.toString());
        assertEquals(0, backend().status().memoryRecycles());
    }

    @Test
    void aBadSizeIsRefusedNamingTheOption() {
        Exception error = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> TestContexts.started(Map.of(),
                TestContexts.route("direct:in", "parallel:leaky?backend=process&task=#class:" + LeakyTask.class.getName()
                        + "&maxWorkerMemory=lots")));
        assertTrue(ProcessBackendTest.messages(error).contains("Option maxWorkerMemory must be a size in bytes"),
                ProcessBackendTest.messages(error));
    }
}
