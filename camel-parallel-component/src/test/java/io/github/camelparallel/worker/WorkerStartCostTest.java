package io.github.camelparallel.worker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.camelparallel.protocol.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JVM worker whose items and results are plain numbers never builds Jackson's ObjectMapper (about a third of a
 * worker's start: its date-format set-up parses the JDK's locale data); a task of records does, and still answers.
 * Seen in the worker's own class-loading log.
 */
class WorkerStartCostTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String TASKS = TestTasks.class.getName() + "$";
    private static final String MAPPER = "com.fasterxml.jackson.databind.ObjectMapper ";

    @TempDir
    Path dir;

    private String loadedClasses(String task, JsonNode item, String expected) throws Exception {
        Path log = dir.resolve(task + ".classes");
        try (ChildProcess worker = ChildProcess.jvmWorker(List.of("-Xlog:class+load=info:file=" + log),
                "--task", TASKS + task)) {
            assertInstanceOf(Frame.Hello.class, worker.receive());
            worker.send(new Frame.Run(1, List.of(item)));
            Frame.Result result = assertInstanceOf(Frame.Result.class, worker.receive());
            assertEquals(expected, result.results().toString(), worker::stderr);
            worker.send(new Frame.Shutdown());
            assertEquals(WorkerMain.EXIT_OK, worker.exitCode(Duration.ofSeconds(30)), worker::stderr);
        }
        return Files.readString(log);
    }

    @Test
    void aWorkerOfNumbersAnswersWithoutBuildingTheMapper() throws Exception {
        String classes = loadedClasses("Cube", JSON.numberNode(3), "[27]");
        assertTrue(classes.contains("io.github.camelparallel.protocol.FrameCodec "), "the log lists our classes");
        assertFalse(classes.contains(MAPPER), "no ObjectMapper for numbers");
    }

    @Test
    void aWorkerOfRecordsBuildsItWhenItNeedsIt() throws Exception {
        String classes = loadedClasses("PointTask", JSON.objectNode().put("x", 3).put("y", 4),
                "[{\"radius\":5.0,\"label\":\"3,4\"}]");
        assertTrue(classes.contains(MAPPER), "records are bound by the mapper");
    }
}
