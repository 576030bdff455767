package io.github.camelparallel.examples.images;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IntSummaryStatistics;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tasks of the example without Camel: painting, thumbnailing, normalising, a broken input named in its error. */
class ImageTasksTest {

    @TempDir
    Path dir;

    @Test
    void theSameSeedPaintsTheSameScene() {
        SceneSpec spec = new SceneSpec("unused.jpg", 42, 320, 240);
        int[] first = ScenePainter.paint(spec).getRGB(0, 0, 320, 240, null, 0, 320);
        int[] second = ScenePainter.paint(spec).getRGB(0, 0, 320, 240, null, 0, 320);
        assertArrayEquals(first, second);
    }

    @Test
    void thumbnailIsGrayNormalisedAndKeepsTheAspectRatio() throws Exception {
        String source = dir.resolve("scene.jpg").toString();
        new ScenePainter().apply(new SceneSpec(source, 3, 800, 400));

        Thumbnail thumbnail = new Thumbnailer().apply(new ImageJob(source, dir.resolve("thumb.png").toString(), 100));

        assertEquals(100, thumbnail.width());
        assertEquals(50, thumbnail.height());
        BufferedImage written = javax.imageio.ImageIO.read(dir.resolve("thumb.png").toFile());
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, written.getType());
        IntSummaryStatistics levels = Thumbnailer.grayLevels(written).summaryStatistics();
        assertEquals(0, levels.getMin());
        assertEquals(255, levels.getMax());
    }

    @Test
    void normaliseStretchesTheRangeAndLeavesAFlatImageAlone() {
        BufferedImage gray = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSamples(0, 0, 2, 1, 0, new int[] { 100, 150 });
        BufferedImage stretched = Thumbnailer.normalise(gray, 100, 150);
        assertArrayEquals(new int[] { 0, 255 }, Thumbnailer.grayLevels(stretched).toArray());

        BufferedImage flat = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        assertEquals(flat, Thumbnailer.normalise(flat, 0, 0));
    }

    @Test
    void anUnreadableImageFailsWithItsName() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.jpg"), "not an image");

        Exception failure = assertThrows(Exception.class,
                () -> new Thumbnailer().apply(new ImageJob(broken.toString(), dir.resolve("t.png").toString(), 64)));

        assertTrue(failure.getMessage().contains("broken.jpg"), failure.getMessage());
    }

    @Test
    void scenesListsOnlyWhatIsMissing() throws Exception {
        Scenes scenes = new Scenes();
        scenes.setDir(dir.toString());
        scenes.setCount(6);
        assertEquals(6, scenes.missing().size());
        Files.writeString(dir.resolve("input").resolve(Scenes.sceneName(0)), "x");

        List<SceneSpec> missing = scenes.missing();

        assertEquals(5, missing.size());
        assertTrue(missing.get(4).path().endsWith("scene-0005.jpg"));
        assertTrue(scenes.jobs().get(4).source().endsWith("scene-0004.png"), "every fifth scene is a PNG");
        assertThrows(IllegalArgumentException.class, () -> scenes.setCount(0));
    }
}
