package io.github.camelparallel.python;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.github.camelparallel.ParallelConstants;
import io.github.camelparallel.backend.process.WorkerCrashedException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The errors of a python= pool as a Python user reads them, with real python3: a set-up problem fails the route at
 * start (the batch with lazyStart) with the traceback's last lines and the option to fix; a function that exits,
 * segfaults or is killed fails its item alone and the pool still serves.
 */
class PythonFunctionErrorsTest extends PythonRouteTestBase {

    private PythonRoutes routes() throws Exception {
        routesWith("jobs",
                "import ctypes, os, signal, sys",
                "def two(a, b):",
                "    return a",
                "def init_fails():",
                "    raise RuntimeError('model file missing')",
                "def init_takes(x):",
                "    pass",
                "def work(item):",
                "    if item == 'exit':",
                "        sys.exit(7)",
                "    if item == 'segv':",
                "        ctypes.string_at(0)",
                "    if item == 'oom-kill':",
                "        os.kill(os.getpid(), signal.SIGKILL)",
                "    return item + '!'");
        routes.module("broken", "import numpy_that_is_not_there");
        return routes;
    }

    @Test
    void aModuleThatDoesNotImportFailsTheStartWithItsTracebackAndTheOption() throws Exception {
        String message = routes().startFailure("python=broken:work&poolSize=1");
        assertTrue(message.contains("ModuleNotFoundError: No module named 'numpy_that_is_not_there'")
                && message.contains("cannot import module 'broken'") && message.contains("pythonPath"), message);
    }

    @Test
    void aModuleNotOnThePathNamesThePathSearched() throws Exception {
        String message = routes().startFailure("python=nowhere:work&poolSize=1");
        assertTrue(message.contains("No module named 'nowhere'") && message.contains(folder.toString())
                && message.contains("Set the option pythonPath"), message);
    }

    @Test
    void aMissingFunctionNamesTheModuleFileAndTheOption() throws Exception {
        String message = routes().startFailure("python=jobs:nope&poolSize=1");
        assertTrue(message.contains("has no 'nope'") && message.contains("jobs.py")
                && message.contains("option python"), message);
    }

    @Test
    void aFunctionOfTheWrongArityIsRefusedAtStart() throws Exception {
        String message = routes().startFailure("python=jobs:two&poolSize=1");
        assertTrue(message.contains("python=jobs:two(a, b) cannot be called with one argument"), message);
    }

    @Test
    void aFailingInitializerFailsTheStartWithItsTraceback() throws Exception {
        String message = routes().startFailure("python=jobs:work&initializer=jobs:init_fails&poolSize=1");
        assertTrue(message.contains("RuntimeError: model file missing") && message.contains("initializer failed"),
                message);
        String arity = routes.startFailure("python=jobs:work&initializer=jobs:init_takes&poolSize=1");
        assertTrue(arity.contains("initializer=jobs:init_takes(x) cannot be called with no arguments"), arity);
    }

    @Test
    void aJvmInitializerWithPythonIsRefusedNamingTheOption() throws Exception {
        String message = routes().startFailure("python=jobs:work&initializer=#class:java.lang.Thread&poolSize=1");
        assertTrue(message.contains("Option initializer") && message.contains("module:function"), message);
    }

    @Test
    void aMissingInterpreterFailsTheStartOrWithLazyStartTheBatch() throws Exception {
        String message = routes().startFailure("python=jobs:work&pythonExecutable=/nonexistent/python3");
        assertTrue(message.contains("Option pythonExecutable") && message.contains("/nonexistent/python3"), message);
        routes.start("python=jobs:work&pythonExecutable=/nonexistent/python3&lazyStart=true");
        Exchange out = routes.send(List.of("a"));
        assertNotNull(out.getException());
        String batch = PythonRoutes.messages(out.getException());
        assertTrue(batch.contains("/nonexistent/python3") && batch.contains("option pythonExecutable"), batch);
    }

    @Test
    void aModuleThatDoesNotImportFailsTheBatchWithLazyStart() throws Exception {
        routes().start("python=broken:work&poolSize=1&lazyStart=true");
        Exchange out = routes.send(List.of("a"));
        assertNotNull(out.getException());
        String message = PythonRoutes.messages(out.getException());
        assertTrue(message.contains("No module named 'numpy_that_is_not_there'"), message);
    }

    @Test
    void anInterpreterOlderThanPython38IsRefusedNamingTheOption() throws Exception {
        // the interpreter here is newer: a sitecustomize on the path makes it report 3.6 before the worker module runs
        routes().module("sitecustomize", "import sys", "sys.version_info = (3, 6, 15, 'final', 0)");
        String message = routes.startFailure("python=jobs:work&poolSize=1");
        assertTrue(message.contains("Python 3.8 or later is needed") && message.contains("pythonExecutable"), message);
    }

    @Test
    void exitSegfaultAndKillFailTheirItemAloneAndThePoolStillServes() throws Exception {
        routes().start("python=jobs:work&poolSize=2&chunkSize=3&onError=collect");
        Exchange out = routes.send(List.of("a", "exit", "b", "segv", "c", "oom-kill", "d"));
        assertNull(out.getException());
        assertEquals(Arrays.asList("a!", null, "b!", null, "c!", null, "d!"), out.getMessage().getBody(List.class));
        Map<?, ?> errors = out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class);
        assertEquals(3, errors.size(), errors.toString());
        String exit = assertInstanceOf(WorkerCrashedException.class, errors.get(1)).getMessage();
        assertTrue(exit.contains("exit code 7"), exit);
        String segv = assertInstanceOf(WorkerCrashedException.class, errors.get(3)).getMessage();
        assertTrue(segv.contains("SIGSEGV") || segv.contains("139") || segv.contains("signal 11"), segv);
        String kill = assertInstanceOf(WorkerCrashedException.class, errors.get(5)).getMessage();
        assertTrue(kill.contains("SIGKILL") || kill.contains("137") || kill.contains("signal 9"), kill);
        assertEquals(List.of("e!"), routes.send(List.of("e")).getMessage().getBody(List.class), "the pool still serves");
    }
}
