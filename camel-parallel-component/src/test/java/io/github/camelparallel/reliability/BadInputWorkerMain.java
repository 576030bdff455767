package io.github.camelparallel.reliability;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelparallel.protocol.Frame;
import io.github.camelparallel.protocol.FrameCodec;
import io.github.camelparallel.protocol.LineReader;

/**
 * A worker for {@code command=} that breaks the protocol on request, to prove what the parent does with a worker at
 * fault (the real {@code WorkerMain} never misbehaves this way). It says hello, then answers each {@code run} whose
 * first item is a plain string as follows:
 * <ul>
 * <li>{@code "garbage"}: a line that is not JSON; {@code "wrong-id"}: a result for another run id;
 * {@code "wrong-length"}: one result too many;</li>
 * <li>{@code "no-newline"}: the start of a result frame without its end or newline, then silence (until killed or
 * stdin ends);</li>
 * <li>{@code "huge-line"}: 1 GiB of {@code x} without a newline, written in 1 MiB pieces until the parent stops
 * reading (the worker is never asked to hold the line: it streams it);</li>
 * <li>{@code "argv"}: its own command-line arguments, as received; {@code "env"}: its whole environment;</li>
 * <li>anything else: each string item {@code s} → {@code s + "!"}, as {@link BadInputTask} does.</li>
 * </ul>
 * It exits 0 at the end of stdin or on {@code shutdown}. One process, one main thread.
 */
public final class BadInputWorkerMain {

    private static final FrameCodec CODEC = FrameCodec.SHARED;

    private BadInputWorkerMain() {
    }

    public static void main(String[] args) throws IOException {
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        LineReader in = new LineReader(new FileInputStream(FileDescriptor.in), 256 << 20);
        write(out, CODEC.encodeLine(Frame.Hello.ofThisProcess("bad-input test worker")));
        String line;
        while ((line = in.readLine()) != null) {
            Frame frame = CODEC.decode(line);
            if (frame instanceof Frame.Shutdown) {
                break;
            }
            if (frame instanceof Frame.Run run) {
                answer(out, in, run, args);
            }
        }
        System.exit(0);
    }

    private static void answer(OutputStream out, LineReader in, Frame.Run run, String[] args) throws IOException {
        JsonNode first = run.items().get(0);
        String command = first.isTextual() ? first.textValue() : "";
        switch (command) {
            case "garbage" -> write(out, "this is not JSON\n".getBytes(StandardCharsets.UTF_8));
            case "wrong-id" -> write(out, CODEC.encodeLine(new Frame.Result(run.id() + 1000, echo(run))));
            case "wrong-length" -> {
                List<JsonNode> results = new ArrayList<>(echo(run));
                results.add(CODEC.toTree("one too many"));
                write(out, CODEC.encodeLine(new Frame.Result(run.id(), results)));
            }
            case "no-newline" -> {
                write(out, ("{\"type\":\"result\",\"id\":" + run.id() + ",\"results\":[").getBytes(StandardCharsets.UTF_8));
                while (in.readLine() != null) {
                    // silent until the parent kills this worker or closes its stdin
                }
                System.exit(0);
            }
            case "huge-line" -> {
                byte[] mebibyte = new byte[1 << 20];
                Arrays.fill(mebibyte, (byte) 'x');
                try {
                    for (int i = 0; i < 1024; i++) {
                        write(out, mebibyte);
                    }
                } catch (IOException e) {
                    System.exit(0); // the parent stopped reading and closed the pipe: this worker is done
                }
                write(out, "\n".getBytes(StandardCharsets.UTF_8));
            }
            case "argv" -> write(out, CODEC.encodeLine(new Frame.Result(run.id(), List.of(CODEC.toTree(List.of(args))))));
            case "env" -> write(out, CODEC.encodeLine(new Frame.Result(run.id(),
                    List.of(CODEC.toTree(new TreeMap<>(System.getenv()))))));
            default -> write(out, CODEC.encodeLine(new Frame.Result(run.id(), echo(run))));
        }
    }

    private static List<JsonNode> echo(Frame.Run run) {
        List<JsonNode> results = new ArrayList<>();
        for (JsonNode item : run.items()) {
            results.add(CODEC.toTree(item.isTextual() ? item.textValue() + "!" : item.toString() + "!"));
        }
        return results;
    }

    private static void write(OutputStream out, byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }
}
