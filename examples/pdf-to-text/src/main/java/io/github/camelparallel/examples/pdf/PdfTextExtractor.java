package io.github.camelparallel.examples.pdf;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The task of {@code parallel:pdf-to-text}: Apache PDFBox reads one PDF and its text, in reading order, is written to
 * a UTF-8 text file. A PDF that PDFBox cannot read fails with an {@link UncheckedIOException} whose message starts with
 * the file's name, so the failure names its culprit wherever it is reported. Public with a no-argument constructor so
 * the worker JVMs of {@code backend=process} can create it. Stateless and thread-safe.
 */
public class PdfTextExtractor implements Function<PdfJob, PdfText> {

    @Override
    public PdfText apply(PdfJob job) {
        File pdf = new File(job.pdf());
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            String text = stripper.getText(document);
            Files.writeString(Path.of(job.text()), text, StandardCharsets.UTF_8);
            return new PdfText(job.pdf(), job.text(), document.getNumberOfPages(), text.length(),
                    ProcessHandle.current().pid());
        } catch (IOException e) {
            throw new UncheckedIOException(pdf.getName() + " is not a readable PDF: " + e.getMessage(), e);
        }
    }
}
