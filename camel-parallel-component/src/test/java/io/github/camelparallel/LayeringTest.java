package io.github.camelparallel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layers import one way: the dispatch core, the SPI, the protocol and the worker side import nothing of Camel; the
 * core does not reach up into the Camel layer; backends sit behind the SPI, never import each other or the dispatch
 * core, and the SPI imports no backend.
 */
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

    /**
     * Backends sit behind the SPI and never import each other: a backend package ({@code backend/thread},
     * {@code backend/process}, {@code backend/hazelcast}, a third one) may import the SPI, the protocol, the worker side,
     * the shared {@code backend/remote} layer and the few shared classes of {@code backend} itself, never another
     * backend's package.
     */
    @Test
    void backendsDoNotImportEachOther() throws IOException {
        List<String> offenders = new ArrayList<>();
        List<Path> backends;
        try (Stream<Path> dirs = Files.list(MAIN.resolve("backend"))) {
            backends = dirs.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().equals("remote")).toList();
        }
        assertTrue(backends.size() >= 3, "backend packages: " + backends);
        for (Path backend : backends) {
            String own = backend.getFileName().toString();
            try (Stream<Path> files = walk(backend)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> read(f).lines()
                        .filter(l -> l.matches("import io\\.github\\.camelparallel\\.backend\\.[a-z]+\\..*"))
                        .filter(l -> !l.startsWith("import io.github.camelparallel.backend." + own + ".")
                                && !l.startsWith("import io.github.camelparallel.backend.remote."))
                        .forEach(l -> offenders.add(f + ": " + l)));
            }
        }
        assertEquals(List.of(), offenders);
    }

    /** Backends talk to the core through the SPI only: no backend imports the dispatcher's package. */
    @Test
    void backendsDoNotImportTheDispatchCore() throws IOException {
        try (Stream<Path> files = walk(MAIN.resolve("backend"))) {
            List<String> offenders = files.filter(f -> f.toString().endsWith(".java")).filter(f -> read(f).lines()
                    .anyMatch(l -> l.startsWith("import io.github.camelparallel.dispatch."))).map(Path::toString).toList();
            assertEquals(List.of(), offenders);
        }
    }

    /** The SPI is what backends implement: it imports no backend. */
    @Test
    void theSpiImportsNoBackend() throws IOException {
        try (Stream<Path> files = walk(MAIN.resolve("spi"))) {
            List<String> offenders = files.filter(f -> f.toString().endsWith(".java")).filter(f -> read(f).lines()
                    .anyMatch(l -> l.startsWith("import io.github.camelparallel.backend."))).map(Path::toString).toList();
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
