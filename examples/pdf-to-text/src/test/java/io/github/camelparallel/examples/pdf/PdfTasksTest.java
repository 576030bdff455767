package io.github.camelparallel.examples.pdf;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The beans of the example without Camel: the PDFs written, the text extracted, the corrupt one refused by name. */
class PdfTasksTest {

    @TempDir
    Path dir;

    @Test
    void writtenPdfsAreReadBackWithTheirTitleAndPages() {
        Documents documents = new Documents();
        documents.setDir(dir.toString());
        documents.setCount(3);
        documents.setCorrupt(-1);
        List<PdfJob> jobs = documents.prepare();

        PdfText text = new PdfTextExtractor().apply(jobs.get(2));

        assertEquals(Documents.pageCount(2), text.pages());
        assertEquals(ProcessHandle.current().pid(), text.workerPid());
        assertTrue(text.characters() > 1000, "40 lines a page: " + text.characters());
        assertTrue(text.text().endsWith("document-0002.txt"));
    }

    @Test
    void theCorruptPdfFailsWithItsName() {
        Documents documents = new Documents();
        documents.setDir(dir.toString());
        documents.setCount(2);
        documents.setCorrupt(1);
        List<PdfJob> jobs = documents.prepare();

        UncheckedIOException failure = assertThrows(UncheckedIOException.class,
                () -> new PdfTextExtractor().apply(jobs.get(1)));

        assertTrue(failure.getMessage().startsWith("document-0001.pdf is not a readable PDF: "), failure.getMessage());
    }

    @Test
    void prepareWritesOnlyWhatIsMissing() throws Exception {
        Documents documents = new Documents();
        documents.setDir(dir.toString());
        documents.setCount(2);
        Path first = Path.of(documents.prepare().get(0).pdf());
        Files.writeString(first, "kept");

        documents.prepare();

        assertEquals("kept", Files.readString(first), "an existing PDF is not written again");
        assertThrows(IllegalArgumentException.class, () -> documents.setCount(0));
    }
}
