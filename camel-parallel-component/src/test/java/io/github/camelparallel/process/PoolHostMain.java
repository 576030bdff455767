package io.github.camelparallel.process;

import java.util.Map;

import io.github.camelparallel.ParallelComponent;
import io.github.camelparallel.TestContexts;
import io.github.camelparallel.backend.process.ProcessPoolBackend;
import org.apache.camel.CamelContext;

/** A parent JVM for {@link OrphanTest}: starts a process pool, prints its worker pids, then waits to be killed. */
public final class PoolHostMain {

    private PoolHostMain() {
    }

    public static void main(String[] args) throws Exception {
        CamelContext context = TestContexts.started(Map.of(), TestContexts.route("direct:in",
                "parallel:host?backend=process&poolSize=2&task=#class:" + Cube.class.getName()));
        ProcessPoolBackend backend = (ProcessPoolBackend) context.getComponent("parallel", ParallelComponent.class)
                .getPoolBackend("host");
        System.out.println("PIDS " + backend.workerPids().stream().map(String::valueOf)
                .reduce((a, b) -> a + "," + b).orElse(""));
        System.out.flush();
        Thread.sleep(120_000);
    }
}
