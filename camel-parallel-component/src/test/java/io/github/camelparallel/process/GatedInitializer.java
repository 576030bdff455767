package io.github.camelparallel.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An initializer that lets the first worker of a pool through at once and holds every later one until the test
 * creates the file {@code release} in the folder named by {@value #GATE} (at most two minutes): a pool with one fast
 * and one slow worker. A held worker writes {@code held}, and {@code passed} once let through.
 */
public class GatedInitializer implements Runnable {

    public static final String GATE = "camel.parallel.test.gate";

    @Override
    public void run() {
        Path gate = Path.of(System.getProperty(GATE));
        try {
            Files.createFile(gate.resolve("first"));
            return; // the first worker to get here
        } catch (FileAlreadyExistsException e) {
            // a later worker: held below
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.writeString(gate.resolve("held"), "");
            long deadline = System.currentTimeMillis() + 120_000;
            while (!Files.exists(gate.resolve("release")) && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            Files.writeString(gate.resolve("passed"), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
