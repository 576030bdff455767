package io.github.camelparallel.examples.pdf;

/**
 * The result of one {@link PdfJob}: the text file written, the PDF's page count, the number of characters extracted,
 * and the pid of the worker process that did it (which shows {@code maxTasksPerWorker} recycling workers). Plain
 * values, so it crosses the process boundary as JSON. Immutable.
 */
public record PdfText(String pdf, String text, int pages, int characters, long workerPid) {
}
