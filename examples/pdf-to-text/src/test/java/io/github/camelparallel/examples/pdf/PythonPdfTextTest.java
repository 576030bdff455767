package io.github.camelparallel.examples.pdf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import io.github.camelparallel.testing.PythonModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Python variant over real PDFs with real python3 workers and pypdf; skipped, with the reason, without them. */
class PythonPdfTextTest {

    @TempDir
    Path dir;

    @Test
    void thePypdfFunctionExtractsEveryPdfAndTheCorruptOneFailsAlone() throws Exception {
        String python = PythonModule.withModule(System.getProperty("python.executable", ""), "pypdf");
        assumeTrue(python != null, "no Python 3 with pypdf (python3-pypdf): install it or set python.executable");
        PythonPdfText.Outcome outcome = PythonPdfText.run(dir.toString(), 10, python);
        System.out.println(outcome.summary());
        assertEquals(10, outcome.counts().size());
        assertEquals(Set.of(7), outcome.failures().keySet(), "document 7 is corrupt on purpose");
        assertNull(outcome.counts().get(7));
        Map<?, ?> first = (Map<?, ?>) outcome.counts().get(0);
        assertTrue(((Number) first.get("pages")).intValue() >= 1 && ((Number) first.get("words")).intValue() > 10,
                first.toString());
        String text = Files.readString(dir.resolve("text-python/document-0000.txt"));
        assertTrue(text.split("\\s+").length > 10, text);
    }
}
