package io.github.camelparallel.examples.images;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example as its README runs it, at a small size, in both DSLs: the scenes are painted, every thumbnail is written
 * at the right size, gray and normalised, and the batch ran on one thread, a thread pool and worker processes with the
 * same results. No time is asserted, only that each run was timed and worded.
 */
class ImagesExampleTest {

    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();

    @TempDir
    Path dir;

    @Test
    void yamlRouteMakesTheThumbnailsOnEveryBackend() throws Exception {
        ImagesExampleRun run = ImagesExampleRun.run(ImagesExampleRun.small(dir.toString()));

        assertSmallRun(run, "yaml-images");
    }

    @Test
    void javaRouteMakesTheThumbnailsOnEveryBackend() throws Exception {
        Map<String, String> properties = new HashMap<>(ImagesExampleRun.small(dir.toString()));
        properties.put("example.dsl", "java");

        ImagesExampleRun run = ImagesExampleRun.run(properties);

        assertSmallRun(run, "java-images");
    }

    private void assertSmallRun(ImagesExampleRun run, String routeId) throws Exception {
        assertEquals(0, run.exitCode(), "the application ends by itself with exit code 0");
        assertEquals(List.of(routeId), run.routeIds(), "example.dsl picks exactly one of the two routes");

        // the input: 12 scenes of 512x384, every fifth one a PNG, painted on this first run
        try (Stream<Path> inputs = Files.list(dir.resolve("input"))) {
            List<Path> scenes = inputs.sorted().toList();
            assertEquals(12, scenes.size());
            assertEquals(10, scenes.stream().filter(p -> p.toString().endsWith(".jpg")).count());
            BufferedImage scene = ImageIO.read(scenes.get(4).toFile());
            assertEquals(512, scene.getWidth());
            assertEquals(384, scene.getHeight());
        }

        // the three timed runs, in order, on the pools the README describes
        List<ImageReport.Run> runs = run.report().getRuns();
        assertEquals(List.of("thumbs-serial", "thumbs", "thumbs-process"),
                runs.stream().map(ImageReport.Run::pool).toList());
        assertEquals(List.of("thread", "thread", "process"), runs.stream().map(ImageReport.Run::backend).toList());
        assertEquals(List.of(1, PROCESSORS, PROCESSORS), runs.stream().map(ImageReport.Run::poolSize).toList());
        for (ImageReport.Run timed : runs) {
            assertTrue(timed.millis() >= 0, "each run is timed");
            assertEquals(runs.get(0).results(), timed.results(), "every backend makes the same thumbnails, in order");
        }

        // the output: one 128x96 gray PNG per scene, stretched to the full 0..255 range
        List<Thumbnail> thumbnails = runs.get(0).results();
        assertEquals(12, thumbnails.size());
        for (int i = 0; i < thumbnails.size(); i++) {
            Thumbnail thumbnail = thumbnails.get(i);
            String source = dir.resolve("input").resolve(Scenes.sceneName(i)).toString();
            assertEquals(source, thumbnail.source(), "input order");
            File file = new File(thumbnail.target());
            BufferedImage written = ImageIO.read(file);
            assertEquals(128, written.getWidth(), file.getName());
            assertEquals(96, written.getHeight(), file.getName());
            assertEquals(BufferedImage.TYPE_BYTE_GRAY, written.getType(), file.getName() + " is 8-bit gray");
            IntSummaryStatistics levels = Thumbnailer.grayLevels(written).summaryStatistics();
            assertEquals(0, levels.getMin(), file.getName() + " is normalised");
            assertEquals(255, levels.getMax(), file.getName() + " is normalised");
            assertEquals(levels.getAverage(), thumbnail.mean(), 0.005 + 1e-9, "the result describes the file written");
            assertTrue(thumbnail.grayMax() > thumbnail.grayMin(), "a painted scene is not flat");
        }

        // a second run would paint nothing: the scenes are reused
        Scenes scenes = new Scenes();
        scenes.setDir(dir.toString());
        scenes.setCount(12);
        assertEquals(List.of(), scenes.missing());
    }
}
