package io.github.camelparallel.examples.images;

/**
 * The result of one {@link ImageJob}: the thumbnail written, its size, the gray range of the resized image before it
 * was normalised to 0..255, and the mean gray level after. Plain values, so it crosses a process boundary as JSON and
 * two runs of the same batch can be compared with {@code equals}. Immutable.
 */
public record Thumbnail(String source, String target, int width, int height, int grayMin, int grayMax, double mean) {
}
