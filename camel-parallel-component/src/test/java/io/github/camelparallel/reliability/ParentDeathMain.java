package io.github.camelparallel.reliability;

import java.util.List;
import java.util.Map;

import io.github.camelparallel.ParallelComponent;
import io.github.camelparallel.TestContexts;
import io.github.camelparallel.backend.process.ProcessPoolBackend;
import io.github.camelparallel.process.Behaviour;
import org.apache.camel.CamelContext;

/**
 * The parent JVM of {@link ParentDeathTest}: a route with {@code backend=process} (JVM workers running
 * {@link Behaviour}, or the command given as the first argument) receives a batch whose items never end ("hang"
 * ignores interrupts; a command worker is expected to sleep), and once both workers are busy with it the pids are
 * printed ({@code BUSY pid,pid}). Then it waits to be killed.
 */
public final class ParentDeathMain {

    private ParentDeathMain() {
    }

    public static void main(String[] args) throws Exception {
        String worker = args.length > 0 ? "command=RAW(" + args[0] + ")" : "task=#class:" + Behaviour.class.getName();
        CamelContext context = TestContexts.started(Map.of(), TestContexts.route("direct:in",
                "parallel:orphans?backend=process&poolSize=2&chunkSize=1&" + worker));
        ProcessPoolBackend backend = (ProcessPoolBackend) context.getComponent("parallel", ParallelComponent.class)
                .getPoolBackend("orphans");
        context.createProducerTemplate().asyncSendBody("direct:in", List.of("hang", "hang", "hang", "hang"));
        long deadline = System.currentTimeMillis() + 60_000;
        while (backend.status().busy() < 2 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        System.out.println("BUSY " + backend.workerPids().stream().map(String::valueOf)
                .reduce((a, b) -> a + "," + b).orElse(""));
        System.out.flush();
        Thread.sleep(300_000);
    }
}
