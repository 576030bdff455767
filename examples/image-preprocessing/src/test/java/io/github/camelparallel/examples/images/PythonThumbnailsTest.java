package io.github.camelparallel.examples.images;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.camelparallel.testing.PythonModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Python variant over real photos with real python3 workers and Pillow; skipped, with the reason, without them. */
class PythonThumbnailsTest {

    @TempDir
    Path dir;

    @Test
    void thePillowFunctionMakesEveryThumbnailOnOneWorkerAndOnAll() throws Exception {
        String python = PythonModule.withModule(System.getProperty("python.executable", ""), "PIL");
        assumeTrue(python != null, "no Python 3 with Pillow (python3-pil): install it or set python.executable");
        PythonThumbnails.Outcome outcome = PythonThumbnails.run(dir.toString(), 6, python);
        System.out.println(outcome.summary());
        assertEquals(6, outcome.sizes().size());
        for (Object size : outcome.sizes()) {
            List<?> wh = (List<?>) size;
            assertEquals(256, Math.max(((Number) wh.get(0)).intValue(), ((Number) wh.get(1)).intValue()), size.toString());
        }
        try (var thumbs = Files.list(dir.resolve("thumbnails-python"))) {
            assertEquals(6, thumbs.filter(p -> p.toString().endsWith(".png")).count());
        }
        assertTrue(outcome.summary().contains("poolSize=1"), outcome.summary());
    }
}
