package io.github.camelparallel.examples.images;

/**
 * One synthetic input image to paint: where to write it, the random seed of its scene, and its size. The file
 * extension ({@code .jpg} or {@code .png}) decides the format. Immutable.
 */
public record SceneSpec(String path, long seed, int width, int height) {
}
