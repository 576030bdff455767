package io.github.camelparallel.process;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * A task for real worker processes whose behaviour is written in the item, so one class can play every part:
 * {@code "7"} → {@code "7!"}; {@code "sleep:MS:V"}; {@code "throw:MSG"}; {@code "exit:CODE"} (the worker dies);
 * {@code "hang"} (ignores interrupts, forever); {@code "garbage"} (writes a non-protocol line to the real stdout);
 * {@code "print:V"} (prints to System.out, which must land on stderr).
 */
public class Behaviour implements Function<String, String> {

    @Override
    public String apply(String item) {
        String[] parts = item.split(":", 3);
        switch (parts[0]) {
            case "sleep":
                sleep(Long.parseLong(parts[1]));
                return parts[2] + "!";
            case "throw":
                throw new IllegalStateException(parts[1]);
            case "exit":
                System.err.println("about to die with " + parts[1]);
                Runtime.getRuntime().halt(Integer.parseInt(parts[1]));
                return null;
            case "hang":
                while (true) {
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException ignored) {
                        // a hung task: ignores everything
                    }
                }
            case "garbage":
                try {
                    FileOutputStream realStdout = new FileOutputStream(FileDescriptor.out);
                    realStdout.write("this is not JSON\n".getBytes(StandardCharsets.UTF_8));
                    realStdout.flush();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                sleep(5000);
                return "never";
            case "print":
                System.out.println("printed " + parts[1]);
                return parts[1] + "!";
            default:
                return item + "!";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
