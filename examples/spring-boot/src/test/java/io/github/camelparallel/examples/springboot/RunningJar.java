package io.github.camelparallel.examples.springboot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The example's fat jar running as a child process ({@code java -jar}) on a free local port, its output collected for
 * the test. {@link #close()} ends it and every process it started (the worker JVMs) and waits for them. One test
 * thread uses it; the output is a synchronized buffer filled by one reader thread.
 */
final class RunningJar implements AutoCloseable {

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final int port;

    RunningJar(String... arguments) throws IOException {
        Path jar = Path.of(System.getProperty("example.jar", "target/camel-parallel-example-spring-boot-1.0.0-SNAPSHOT.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no fat jar at " + jar.toAbsolutePath() + ": run ./mvnw -B verify");
        }
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1"));
        command.addAll(List.of(arguments));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.append(line).append('\n');
                }
            } catch (IOException e) {
                output.append("[output closed: ").append(e).append("]\n");
            }
        }, "fat-jar-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** The first match of the pattern in the output, waiting up to the timeout; fails with the output so far. */
    Matcher await(String regex, Duration timeout) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = pattern.matcher(output);
            if (matcher.find()) {
                return matcher;
            }
            if (!process.isAlive() && !pattern.matcher(output).find()) {
                throw new AssertionError("the application exited (" + process.exitValue() + ") without printing "
                        + regex + ":\n" + output);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + regex + " within " + timeout + ":\n" + output);
    }

    /** GET of a path of the application, as text. */
    String get(String path) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    String output() {
        return output.toString();
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
    }
}
