package io.github.camelparallel.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One frame, one line, flushed; frames from several threads never interleave. */
class LineWriterTest {

    @Test
    void writesOneFlushedLinePerFrame() throws IOException {
        List<Integer> flushedAt = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream() {
            @Override
            public void flush() {
                flushedAt.add(size());
            }
        };
        LineWriter writer = new LineWriter(bytes);
        int first = writer.write(new Frame.Shutdown());
        writer.write(new Frame.Hello(1, null, "java \u00e9"));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals("{\"type\":\"shutdown\"}\n{\"type\":\"hello\",\"protocol\":1,\"runtime\":\"java \u00e9\"}\n", text);
        assertEquals(List.of(first, bytes.size()), flushedAt);
    }

    @Test
    void concurrentWritersNeverInterleaveInsideALine() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LineWriter writer = new LineWriter(bytes);
        int threads = 8;
        int perThread = 200;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        List<JsonNode> items = List.of(JsonNodeFactory.instance.textNode("t" + id + "-" + "x".repeat(500)));
                        writer.write(new Frame.Run(id * 1000L + i, items));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            thread.start();
            started.add(thread);
        }
        start.countDown();
        for (Thread thread : started) {
            thread.join();
        }
        Set<Long> ids = new HashSet<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            Frame.Run run = (Frame.Run) FrameCodec.SHARED.decode(line);
            ids.add(run.id());
        }
        assertEquals(threads * perThread, ids.size());
    }
}
