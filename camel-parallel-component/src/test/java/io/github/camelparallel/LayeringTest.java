package io.github.camelparallel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dispatch core, the SPI, the protocol and the worker side import nothing of Camel. */
class LayeringTest {

    private static final Path MAIN = Path.of("src/main/java/io/github/camelparallel");

    @Test
    void camelFreePackagesImportNoCamel() throws IOException {
        assertTrue(Files.isDirectory(MAIN.resolve("dispatch")), "run from the module directory");
        List<String> offenders;
        try (Stream<Path> files = Stream.of("dispatch", "spi", "protocol", "worker").map(MAIN::resolve)
                .filter(Files::isDirectory).flatMap(LayeringTest::walk)) {
            offenders = files.filter(f -> f.toString().endsWith(".java")).filter(LayeringTest::importsCamel)
                    .map(Path::toString).collect(Collectors.toList());
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void coreDoesNotReachUpIntoTheCamelLayer() throws IOException {
        try (Stream<Path> files = Stream.of("dispatch", "spi").map(MAIN::resolve).flatMap(LayeringTest::walk)) {
            List<String> offenders = files.filter(f -> f.toString().endsWith(".java")).filter(f -> read(f).lines().anyMatch(
                    l -> l.matches("import io\\.github\\.camelparallel\\.[A-Z].*"))).map(Path::toString).toList();
            assertEquals(List.of(), offenders);
        }
    }

    private static boolean importsCamel(Path file) {
        return read(file).lines().anyMatch(l -> l.startsWith("import org.apache.camel"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Stream<Path> walk(Path dir) {
        try {
            return Files.walk(dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
