package io.github.camelparallel.values;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.camelparallel.TestContexts;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A Java NaN reached {@code command=} workers as the string {@code "NaN"}. The rule now:
 * non-finite numbers travel as the bare tokens NaN, Infinity, -Infinity both ways (docs/worker-protocol.md, Numbers),
 * so the Python reference worker gets {@code float('nan')} and its NaN comes back a Java NaN; a string stays a string.
 */
class NonFiniteNumbersTest {

    private static final Path WORKER_DIR = io.github.camelparallel.testing.PythonModule.DIR;

    @TempDir
    Path scratch;

    @Test
    void nanAndInfinityCrossAPythonWorkerBothWaysAsNumbers() throws Exception {
        assumeTrue(Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "python3"))), "python3 is not on the PATH");
        Path script = scratch.resolve("describe.py");
        Files.writeString(script, String.join("\n",
                "import math, sys",
                "sys.path.insert(0, " + pythonString(WORKER_DIR.toString()) + ")",
                "from camel_parallel_worker import serve",
                "def describe(x):",
                "    kind = type(x).__name__",
                "    if kind == 'float' and math.isnan(x): return ['float nan', x]",
                "    return [kind + ' ' + repr(x), x]",
                "serve(describe)", ""));
        try (CamelContext context = TestContexts.started(Map.of(), TestContexts.route("direct:in",
                "parallel:nan?backend=process&poolSize=1&onError=collect&command=python3 " + script))) {
            List<Object> items = Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, "NaN", -0.0, 1.5);
            Exchange out = TestContexts.send(context, "direct:in", items);
            assertNull(out.getException());
            assertNull(out.getMessage().getHeader("CamelParallelErrors"), () -> "no item failed: "
                    + out.getMessage().getHeader("CamelParallelErrors"));
            assertEquals(List.of(
                    List.of("float nan", Double.NaN),
                    List.of("float inf", Double.POSITIVE_INFINITY),
                    List.of("float -inf", Double.NEGATIVE_INFINITY),
                    List.of("str 'NaN'", "NaN"),
                    List.of("float -0.0", -0.0),
                    List.of("float 1.5", 1.5)), out.getMessage().getBody(List.class));
        }
    }

    private static String pythonString(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
