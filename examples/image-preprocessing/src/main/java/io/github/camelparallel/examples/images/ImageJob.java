package io.github.camelparallel.examples.images;

/**
 * One item of the thumbnail batch: the image to read, the PNG thumbnail to write, and the longest side of the
 * thumbnail. Everything a task needs travels in the item, because on {@code backend=process} the task runs in a
 * worker JVM that only gets the item (as JSON), not this application's beans. Immutable.
 */
public record ImageJob(String source, String target, int maxSide) {
}
