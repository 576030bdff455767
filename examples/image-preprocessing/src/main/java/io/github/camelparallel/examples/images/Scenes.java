package io.github.camelparallel.examples.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The folders of the example and the batches sent through them: {@code <dir>/input} holds {@code count} synthetic
 * scenes ({@code scene-0000.jpg}, ...; every fifth one a PNG), {@code <dir>/thumbnails} receives one PNG per scene.
 * {@link #missing()} lists only the scenes not there yet, so they are painted on the first run and reused after.
 * Configured once by camel-main, then read-only: thread-safe.
 */
public class Scenes {

    private String dir = "target/images";
    private int count = 300;
    private int width = 1024;
    private int height = 768;
    private int thumbnailSide = 256;

    /** The scenes of the input folder that do not exist yet (creating the folders): the batch for the painter. */
    public List<SceneSpec> missing() {
        createDirectories(input());
        createDirectories(thumbnails());
        List<SceneSpec> missing = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path path = input().resolve(sceneName(i));
            if (!Files.isRegularFile(path)) {
                missing.add(new SceneSpec(path.toString(), 7919L * i + 17, width, height));
            }
        }
        return missing;
    }

    /** One thumbnail job per scene, in file-name order: the batch timed on each pool. */
    public List<ImageJob> jobs() {
        List<ImageJob> jobs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = sceneName(i);
            jobs.add(new ImageJob(input().resolve(name).toString(),
                    thumbnails().resolve(name.substring(0, name.lastIndexOf('.')) + ".png").toString(), thumbnailSide));
        }
        return jobs;
    }

    /** The first {@code n} items of a batch (a short untimed warm-up). */
    public List<ImageJob> firstOf(List<ImageJob> jobs, int n) {
        return jobs.subList(0, Math.min(n, jobs.size()));
    }

    static String sceneName(int i) {
        return String.format(Locale.ROOT, "scene-%04d.%s", i, i % 5 == 4 ? "png" : "jpg");
    }

    public Path input() {
        return Path.of(dir, "input");
    }

    public Path thumbnails() {
        return Path.of(dir, "thumbnails");
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
            throw new IllegalArgumentException("images.count must be at least 1 but was " + count);
        }
        this.count = count;
    }

    public int getWidth() {
        return width;
    }

    public void setWidth(int width) {
        this.width = width;
    }

    public int getHeight() {
        return height;
    }

    public void setHeight(int height) {
        this.height = height;
    }

    public int getThumbnailSide() {
        return thumbnailSide;
    }

    public void setThumbnailSide(int thumbnailSide) {
        this.thumbnailSide = thumbnailSide;
    }
}
