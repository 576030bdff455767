package io.github.camelparallel.examples.pdf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folders of the example and its batch: {@code <dir>/input} holds {@code count} PDFs ({@code document-0000.pdf},
 * ...) written with PDFBox on the first run (only those missing), each of 2 to 5 pages of generated prose under the
 * title {@code Document N}; document number {@code corrupt} is deliberately not a PDF (a PDF header followed by
 * garbage). {@code <dir>/text} receives one {@code .txt} per PDF. Uses only the standard 14 PDF fonts, so it needs no
 * installed font. Configured once by camel-main, then used by the one route thread.
 */
public class Documents {

    private static final Logger LOG = LoggerFactory.getLogger(Documents.class);
    private static final String[] WORDS = { "parallel", "camel", "route", "batch", "worker", "process", "thread",
        "result", "order", "item", "pool", "chunk", "window", "retry", "timeout", "stream", "message", "endpoint",
        "the", "a", "of", "and", "to", "in", "every", "each", "runs", "returns", "reads", "writes", "keeps" };

    private String dir = "target/pdfs";
    private int count = 100;
    private int corrupt = 7;

    /** Writes the PDFs that are missing (the corrupt one included), then returns one job per PDF in name order. */
    public List<PdfJob> prepare() {
        Path input = Path.of(dir, "input");
        Path text = Path.of(dir, "text");
        createDirectories(input);
        createDirectories(text);
        List<PdfJob> jobs = new ArrayList<>(count);
        int written = 0;
        for (int i = 0; i < count; i++) {
            Path pdf = input.resolve(String.format(Locale.ROOT, "document-%04d.pdf", i));
            if (!Files.isRegularFile(pdf)) {
                write(pdf, i);
                written++;
            }
            Path textFile = text.resolve(pdf.getFileName().toString().replace(".pdf", ".txt"));
            jobs.add(new PdfJob(pdf.toString(), textFile.toString()));
        }
        LOG.info("{} PDFs in {} ({} written now; document {} is corrupt on purpose)", count, input, written,
                corrupt < count ? String.valueOf(corrupt) : "none");
        return jobs;
    }

    private void write(Path pdf, int number) {
        try {
            if (number == corrupt) {
                byte[] header = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);
                byte[] corrupted = new byte[4096];
                new SplittableRandom(number).nextBytes(corrupted);
                System.arraycopy(header, 0, corrupted, 0, header.length);
                Files.write(pdf, corrupted);
            } else {
                writeDocument(pdf, number);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + pdf.toAbsolutePath(), e);
        }
    }

    /** A PDF of 2 to 5 pages: the title {@code Document N} on the first, then lines of generated prose. */
    static void writeDocument(Path pdf, int number) throws IOException {
        SplittableRandom random = new SplittableRandom(number);
        PDType1Font title = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        PDType1Font body = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        try (PDDocument document = new PDDocument()) {
            int pages = pageCount(number);
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.newLineAtOffset(72, 720);
                    content.setFont(title, 16);
                    content.showText(p == 0 ? "Document " + number : "Document " + number + ", page " + (p + 1));
                    content.setFont(body, 11);
                    content.setLeading(14);
                    content.newLine();
                    for (int line = 0; line < 40; line++) {
                        content.newLine();
                        content.showText(sentence(random));
                    }
                    content.endText();
                }
            }
            document.save(pdf.toFile());
        }
    }

    /** How many pages document {@code number} has: 2 to 5. */
    static int pageCount(int number) {
        return 2 + number % 4;
    }

    private static String sentence(SplittableRandom random) {
        StringBuilder line = new StringBuilder();
        for (int w = 0; w < 10 + random.nextInt(4); w++) {
            line.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return line.append('.').toString();
    }

    private static void createDirectories(Path path) {
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder " + path.toAbsolutePath(), e);
        }
    }

    public String getDir() {
        return dir;
    }

    public void setDir(String dir) {
        this.dir = dir;
    }

    public int getCount() {
        return count;
    }

    public void setCount(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("pdf.count must be at least 1 but was " + count);
        }
        this.count = count;
    }

    public int getCorrupt() {
        return corrupt;
    }

    /** The number of the document written corrupt on purpose; one past the count (or -1) for none. */
    public void setCorrupt(int corrupt) {
        this.corrupt = corrupt;
    }
}
