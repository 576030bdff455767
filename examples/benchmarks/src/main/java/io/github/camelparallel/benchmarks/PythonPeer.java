package io.github.camelparallel.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Python peers: {@code pool_cube.py} (examples/benchmarks/python, shipped in the jar) run with {@code python3}
 * ({@code -Dbench.python=} for another), one process per mode, its JSON figures read back. Without a working Python
 * every timing comes back empty and {@link #version()} says why, so the report can say "not run" instead of failing.
 * Immutable; each call starts its own Python process and waits for it.
 *
 * @param executable the Python command, or null when there is none
 * @param script     the script, copied out of the jar
 * @param version    {@code python3 --version}, or the reason there is no Python
 */
record PythonPeer(String executable, Path script, String version) {

    /** The python3 on the PATH (or {@code bench.python}) and the peer script, or the reason there is none. */
    static PythonPeer find() throws IOException {
        Path script = Files.createTempFile("pool_cube", ".py");
        script.toFile().deleteOnExit();
        try (InputStream in = PythonPeer.class.getResourceAsStream("/python/pool_cube.py")) {
            if (in == null) {
                throw new IOException("python/pool_cube.py is not on the classpath (examples/benchmarks/python)");
            }
            Files.write(script, in.readAllBytes());
        }
        String executable = System.getProperty("bench.python", "python3");
        try {
            Process p = new ProcessBuilder(executable, "--version").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? new PythonPeer(executable, script, version)
                    : new PythonPeer(null, script, executable + " --version failed: " + version);
        } catch (IOException e) {
            return new PythonPeer(null, script, executable + " not found (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    boolean present() {
        return executable != null;
    }

    /** One mode whose output has {@code seconds}: a timing named {@code peer} plus the start method. */
    ProcessBenchmark.Timing run(String peer, String... args) throws IOException, InterruptedException {
        if (!present()) {
            return new ProcessBenchmark.Timing(peer, List.of());
        }
        JsonNode json = call(args);
        return new ProcessBenchmark.Timing(peer + " [" + json.get("start_method").asText() + "]",
                millis(json.get("seconds")));
    }

    /**
     * The {@code cpu} mode: {@code items} SHA-256 items of about {@code millis} ms each in a loop and through
     * {@code Pool(1)}, {@code Pool(2)}, {@code ProcessPoolExecutor(1)} and {@code (2)}; one timing per series, in the
     * script's order, named as the script names them. Empty when there is no Python.
     */
    Map<String, ProcessBenchmark.Timing> cpu(int items, double millis, int warmup, int reps)
            throws IOException, InterruptedException {
        Map<String, ProcessBenchmark.Timing> series = new LinkedHashMap<>();
        if (!present()) {
            return series;
        }
        JsonNode json = call("cpu", String.valueOf(items), String.valueOf(millis), String.valueOf(warmup),
                String.valueOf(reps));
        json.get("series").fields().forEachRemaining(e -> series.put(e.getKey(),
                new ProcessBenchmark.Timing(e.getKey() + " (" + json.get("rounds").asInt() + " rounds, "
                        + String.format(Locale.ROOT, "%.1f", json.get("item_ms").asDouble())
                        + " ms per item)", millis(e.getValue()))));
        return series;
    }

    private JsonNode call(String... args) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of(executable, script.toString()));
        argv.addAll(Arrays.asList(args));
        Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("python peer failed: " + argv + "\n" + out);
        }
        return new ObjectMapper().readTree(out);
    }

    private static List<Double> millis(JsonNode seconds) {
        List<Double> millis = new ArrayList<>();
        seconds.forEach(v -> millis.add(v.asDouble() * 1000));
        return millis;
    }
}
