package io.github.camelparallel.python;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.camelparallel.ParallelComponent;
import io.github.camelparallel.TestContexts;
import io.github.camelparallel.backend.process.ProcessPoolBackend;
import io.github.camelparallel.testing.PythonModule;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A test's python= route: its Python module written into a temporary folder given as pythonPath, a real Camel context
 * with {@code direct:in -> parallel:py?backend=process&python=...}, and at the end the context stopped and every
 * worker process seen checked gone.
 */
final class PythonRoutes implements AutoCloseable {

    final Path folder;
    CamelContext context;
    private final List<Long> pids = new ArrayList<>();

    PythonRoutes(Path folder) {
        assumeTrue(PythonModule.onPath("python3"), "python3 is not on the PATH of this machine");
        this.folder = folder;
    }

    /** Writes {@code name.py} into the pythonPath folder. */
    PythonRoutes module(String name, String... lines) throws Exception {
        Files.writeString(folder.resolve(name + ".py"), String.join("\n", lines) + "\n");
        return this;
    }

    /** Starts direct:in -> parallel:py with these options after backend=process and pythonPath. */
    CamelContext start(String options) throws Exception {
        context = TestContexts.create(Map.of(), TestContexts.route("direct:in",
                "parallel:py?backend=process&pythonPath=RAW(" + folder + ")&" + options));
        try {
            context.start();
        } catch (Exception e) {
            context.stop(); // a route that failed to start leaves no context behind
            context = null;
            throw e;
        }
        rememberPids();
        return context;
    }

    /** Starts the route, which must fail: every message of its error. */
    String startFailure(String options) {
        Exception error = assertThrows(Exception.class, () -> start(options));
        return messages(error);
    }

    Exchange send(Object body) {
        Exchange out = TestContexts.send(context, "direct:in", body);
        rememberPids();
        return out;
    }

    ProcessPoolBackend backend() {
        return (ProcessPoolBackend) context.getComponent("parallel", ParallelComponent.class).getPoolBackend("py");
    }

    private void rememberPids() {
        ProcessPoolBackend backend = context == null ? null : backend();
        if (backend != null) {
            pids.addAll(backend.workerPids());
        }
    }

    @Override
    public void close() throws Exception {
        if (context != null) {
            context.stop();
        }
        for (long pid : pids) {
            long deadline = System.currentTimeMillis() + 10_000;
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "worker " + pid + " outlived the context");
        }
    }

    /** Every message of an error and its causes, for assertions on what a user reads. */
    static String messages(Throwable error) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = error; t != null; t = t.getCause()) {
            parts.add(String.valueOf(t.getMessage()));
        }
        return parts.stream().collect(Collectors.joining(" | "));
    }
}
