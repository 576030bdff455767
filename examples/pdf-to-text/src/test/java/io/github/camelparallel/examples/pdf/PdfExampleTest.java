package io.github.camelparallel.examples.pdf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example as its README runs it, at a small size, in both DSLs: 12 PDFs on 1 worker JVM at a time, recycled after
 * 6 PDFs. The corrupt PDF fails alone, named; the 11 others are converted to the text they were written with; and the
 * batch ran on more worker processes than the pool holds at once, none of which converted more than 6 PDFs.
 */
class PdfExampleTest {

    @TempDir
    Path dir;

    @Test
    void yamlRouteConvertsAllButTheCorruptPdf() throws Exception {
        PdfExampleRun run = PdfExampleRun.run(PdfExampleRun.small(dir.toString()));

        assertSmallRun(run, "yaml-pdf");
    }

    @Test
    void javaRouteConvertsAllButTheCorruptPdf() throws Exception {
        Map<String, String> properties = new HashMap<>(PdfExampleRun.small(dir.toString()));
        properties.put("example.dsl", "java");

        PdfExampleRun run = PdfExampleRun.run(properties);

        assertSmallRun(run, "java-pdf");
    }

    private void assertSmallRun(PdfExampleRun run, String routeId) throws Exception {
        assertEquals(0, run.exitCode(), "the application ends by itself with exit code 0");
        assertEquals(List.of(routeId), run.routeIds(), "example.dsl picks exactly one of the two routes");
        PdfReport report = run.report();

        // the corrupt PDF fails alone, and its error names it
        assertEquals(11, report.getConverted());
        assertEquals(List.of("document-0007.pdf"), List.copyOf(report.getFailures().keySet()));
        String error = report.getFailures().get("document-0007.pdf");
        assertTrue(error.contains("document-0007.pdf is not a readable PDF"), error);

        // the others hold the text they were written with
        for (int i = 0; i < 12; i++) {
            Path text = dir.resolve("text").resolve(String.format(Locale.ROOT, "document-%04d.txt", i));
            if (i == 7) {
                assertFalse(Files.exists(text), "no text for the corrupt PDF");
                continue;
            }
            String content = Files.readString(text);
            assertTrue(content.startsWith("Document " + i + "\n") || content.startsWith("Document " + i + "\r\n"),
                    text + " starts with its title");
            String lastPage = "Document " + i + ", page " + Documents.pageCount(i);
            assertTrue(content.contains(lastPage), text + " has every page");
        }

        // maxTasksPerWorker=6 with chunks of 2: each worker converts at most 6 PDFs, so 11 PDFs need at least 2
        // worker processes, more than the 1 the pool holds at once
        Map<Long, Integer> perWorker = report.getItemsPerWorker();
        assertEquals(11, perWorker.values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(perWorker.values().stream().allMatch(n -> n <= 6), "no worker ran more than 6 PDFs: " + perWorker);
        assertTrue(perWorker.size() >= 2, "workers were recycled: " + perWorker);
        assertFalse(perWorker.containsKey(ProcessHandle.current().pid()), "the PDFs were read in worker processes");
    }
}
