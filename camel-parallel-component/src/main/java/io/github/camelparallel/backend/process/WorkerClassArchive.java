package io.github.camelparallel.backend.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.camelparallel.protocol.Frame;
import io.github.camelparallel.protocol.LineReader;
import io.github.camelparallel.protocol.LineWriter;
import io.github.camelparallel.worker.WorkerMain;
import io.github.camelparallel.backend.OwnFolders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A class data sharing (AppCDS) archive for the JVM workers of one pool: a JVM that maps the classes it needs from
 * an archive instead of loading them from jars says hello in about half the time (docs/benchmarks.md), which is most
 * of a cold pool's start and of a crashed worker's replacement.
 * <p>
 * The archive is built automatically, once per machine for a given java binary, JVM options, classpath (each jar's
 * path, size and time) and task class: the first pool that misses it starts one short-lived training worker in the
 * background ({@code WorkerMain --cds-training}: the task class is loaded, no user code runs) with
 * {@code -XX:ArchiveClassesAtExit}; the archive is written to a temporary file and moved into place atomically, so
 * concurrent builders (two pools, two JVMs) never leave a half-written archive. Workers started after that use it.
 * A stale or unreadable archive costs nothing: the JVM ignores it ({@code -Xshare:auto}, the default).
 * <p>
 * Applies only when the classpath is jars only (AppCDS does not archive classes from directories) and the JVM
 * options do not manage sharing themselves. The directory is private to the user (0700): an archive is code.
 * <p>
 * States: NO_ARCHIVE --{@link #buildInBackground}--> BUILDING --training worker exited 0--> READY
 * (BUILDING --failed/stopped--> NO_ARCHIVE; the next pool start tries again). Thread-safe; the training process is
 * owned by this object: {@link #finish} lets it end within the pool's stop grace period, then kills it.
 */
final class WorkerClassArchive {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerClassArchive.class);
    private static final long TRAINING_TIMEOUT_MILLIS = 120_000;
    /** Archives being built by this JVM: one training worker per archive at a time. */
    private static final Set<Path> BUILDING = ConcurrentHashMap.newKeySet();

    private final String poolName;
    private final Path archive;
    private volatile Process training;
    private volatile CountDownLatch built; // counted down when a build of this pool's has ended, either way
    private volatile boolean stopped; // the pool stopped: no new build
    private volatile boolean killed; // a build in progress was abandoned

    private WorkerClassArchive(String poolName, Path archive) {
        this.poolName = poolName;
        this.archive = archive;
    }

    /**
     * The archive for a JVM worker, or null when class data sharing does not apply (a classpath entry that is not a
     * jar, JVM options that set sharing themselves, a directory that cannot be made private).
     */
    static WorkerClassArchive forJvmWorker(String poolName, Path directory, String javaBinary, String jvmOptions,
            String classpath, String taskClass) {
        String options = jvmOptions == null ? "" : jvmOptions;
        if (options.contains("SharedArchiveFile") || options.contains("-Xshare") || options.contains("ArchiveClasses")) {
            LOG.debug("[{}] JVM options manage class data sharing themselves: no automatic archive", poolName);
            return null;
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, "camel-parallel-cds-1", javaBinary, options, taskClass);
            describeFile(digest, Path.of(javaBinary).toRealPath());
            for (String entry : classpath.split(java.io.File.pathSeparator)) {
                Path jar = Path.of(entry).toAbsolutePath();
                if (!Files.isRegularFile(jar) || !entry.endsWith(".jar")) {
                    LOG.debug("[{}] classpath entry {} is not a jar: no class data sharing archive", poolName, entry);
                    return null;
                }
                describeFile(digest, jar);
            }
            Path dir = privateDirectory(directory);
            String key = HexFormat.of().formatHex(digest.digest(), 0, 16);
            return new WorkerClassArchive(poolName, dir.resolve("worker-" + key + ".jsa"));
        } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
            LOG.debug("[{}] no class data sharing archive for the workers: {}", poolName, e.toString());
            return null;
        }
    }

    /** The JVM options that use the archive, or none while it is not built. */
    List<String> jvmOptions() {
        return Files.isRegularFile(archive) ? List.of("-XX:SharedArchiveFile=" + archive) : List.of();
    }

    /** Starts building the archive on an I/O thread unless it exists or is being built. */
    void buildInBackground(WorkerCommand worker, ExecutorService io) {
        if (Files.isRegularFile(archive) || stopped || !BUILDING.add(archive)) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        built = done;
        try {
            io.execute(() -> {
                try {
                    build(worker);
                } finally {
                    BUILDING.remove(archive);
                    done.countDown();
                }
            });
        } catch (RuntimeException e) {
            BUILDING.remove(archive);
            done.countDown();
            LOG.debug("[{}] class data sharing archive not built: {}", poolName, e.toString());
        }
    }

    private void build(WorkerCommand worker) {
        long t0 = System.nanoTime();
        Path temporary = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + "."
                + System.nanoTime() + ".tmp");
        List<String> argv = new ArrayList<>(worker.withOptionsAfterProgram(
                List.of("-XX:ArchiveClassesAtExit=" + temporary)).argv());
        argv.add(WorkerMain.TRAINING_FLAG);
        try {
            ProcessBuilder builder = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().putAll(worker.env());
            Process process = builder.start();
            training = process;
            if (killed) {
                process.destroyForcibly();
                return;
            }
            boolean served = train(process.getInputStream(), process.getOutputStream());
            if (!process.waitFor(TRAINING_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                LOG.warn("[{}] class data sharing training worker did not finish in {} ms: killed", poolName,
                        TRAINING_TIMEOUT_MILLIS);
            } else if (served && process.exitValue() == 0 && Files.size(temporary) > 0 && !killed) {
                Files.move(temporary, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                LOG.info("[{}] built the workers' class data sharing archive in {} ms: {}", poolName,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), archive);
            } else if (!killed) {
                LOG.info("[{}] class data sharing archive not built (training worker exit {}); workers start without it",
                        poolName, process.exitValue());
            }
        } catch (IOException e) {
            LOG.info("[{}] class data sharing archive not built: {}", poolName, e.toString());
        } catch (InterruptedException e) {
            Process process = training;
            if (process != null) {
                process.destroyForcibly();
            }
            Thread.currentThread().interrupt();
        } finally {
            training = null;
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                LOG.debug("[{}] cannot delete {}: {}", poolName, temporary, e.toString());
            }
        }
    }

    /** Walks the protocol once (hello, a run of sample items, shutdown) so its classes land in the archive. */
    private static boolean train(InputStream stdout, OutputStream stdin) throws IOException {
        LineReader reader = new LineReader(stdout, 1 << 20);
        LineWriter writer = new LineWriter(stdin);
        if (reader.readLine() == null) {
            return false;
        }
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        writer.write(new Frame.Run(1, List.of(nodes.numberNode(1), nodes.textNode("text"), nodes.numberNode(1.5),
                nodes.booleanNode(true), nodes.nullNode(), nodes.objectNode().set("list", nodes.arrayNode().add(1)))));
        boolean served = reader.readLine() != null;
        writer.write(new Frame.Shutdown());
        stdin.close();
        while (reader.readLine() != null) {
            // drain until the worker exits
        }
        return served;
    }

    /**
     * Pool stop: lets a build in progress end for up to {@code millis} (a pool stopped right after its first batch
     * still leaves its archive behind), then kills the training worker: nothing outlives the pool.
     */
    void finish(long millis) throws InterruptedException {
        stopped = true;
        CountDownLatch done = built;
        if (done != null && !done.await(millis, TimeUnit.MILLISECONDS)) {
            LOG.info("[{}] class data sharing training worker still running at pool stop: killed", poolName);
            stop();
        }
    }

    /** Kills a training worker still running: nothing outlives the pool. */
    void stop() {
        stopped = true;
        killed = true;
        Process process = training;
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private static Path privateDirectory(Path directory) throws IOException {
        return OwnFolders.ensure(directory, OwnFolders.Strictness.PRIVATE); // the check the result cache shares
    }

    private static void update(MessageDigest digest, String... parts) {
        for (String part : parts) {
            digest.update((part == null ? "" : part).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
    }

    private static void describeFile(MessageDigest digest, Path file) throws IOException {
        update(digest, file.toString(), Long.toString(Files.size(file)),
                Long.toString(Files.getLastModifiedTime(file).toMillis()));
    }
}
