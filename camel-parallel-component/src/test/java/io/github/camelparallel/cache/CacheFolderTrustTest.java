package io.github.camelparallel.cache;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import io.github.camelparallel.TestContexts;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A forged entry with a valid checksum is served (the CRC detects torn writes, not a
 * forger), so the cache must not trust a folder others can write: an existing {@code cacheDir}, or a task folder in
 * it, that is group- or world-writable fails the route's start, naming the folder.
 */
class CacheFolderTrustTest {

    @TempDir
    Path scratch;

    public static class Cube implements java.util.function.Function<Integer, Integer> {
        @Override
        public Integer apply(Integer n) {
            return n * n * n;
        }
    }

    private CamelContext start(Path cacheDir) throws Exception {
        return TestContexts.started(Map.of(), TestContexts.route("direct:in", "parallel:trust?cache=true&cacheDir="
                + cacheDir + "&task=#class:" + Cube.class.getName()));
    }

    @Test
    void aCacheDirOthersCanWriteIsRefusedAtStartNamingIt() throws Exception {
        assumeTrue(scratch.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path shared = Files.createDirectory(scratch.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Exception e = assertThrows(Exception.class, () -> start(shared).close());
        String messages = messages(e);
        assertTrue(messages.contains(shared.toString()) && messages.contains("rwxrwxrwx")
                && messages.contains("cacheDir"), messages);

        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (CamelContext context = start(shared)) { // readable by others is the user's choice; writable is not
            assertEquals(List.of(1, 8), TestContexts.send(context, "direct:in", List.of(1, 2)).getMessage().getBody(List.class));
        }
    }

    @Test
    void aTaskFolderOthersCanWriteIsRefusedToo() throws Exception {
        assumeTrue(scratch.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path cacheDir = scratch.resolve("cache");
        try (CamelContext context = start(cacheDir)) {
            TestContexts.send(context, "direct:in", List.of(1));
        }
        Path taskFolder;
        try (var folders = Files.list(cacheDir)) {
            taskFolder = folders.findFirst().orElseThrow();
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(taskFolder)),
                "folders the cache creates are the user's alone");
        Files.setPosixFilePermissions(taskFolder, PosixFilePermissions.fromString("rwxrwx---"));
        String messages = messages(assertThrows(Exception.class, () -> start(cacheDir).close()));
        assertTrue(messages.contains(taskFolder.toString()) && messages.contains("rwxrwx---"), messages);
    }

    private static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" / ");
        }
        return all.toString();
    }
}
