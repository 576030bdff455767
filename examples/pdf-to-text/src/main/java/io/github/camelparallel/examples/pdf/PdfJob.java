package io.github.camelparallel.examples.pdf;

/**
 * One item of the batch: the PDF to read and the text file to write. Everything the task needs travels in the item,
 * because the task runs in a worker JVM that gets only the item (as JSON), not this application's beans. Immutable.
 */
public record PdfJob(String pdf, String text) {
}
