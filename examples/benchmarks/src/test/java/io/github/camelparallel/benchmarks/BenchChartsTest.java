package io.github.camelparallel.benchmarks;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chart renderer on synthetic figures: a log-axis chart and a linear one with long labels are written as PNGs,
 * a missing value or a non-positive one on a log axis is left out rather than drawn, and the plot grows with its
 * longest label instead of cutting it. Set {@code -Dcharts.keep=DIR} to keep the images for a look.
 */
class BenchChartsTest {

    @Test
    void rendersDotPlotsOnLogAxesAndFullLabels(@TempDir Path dir) throws Exception {
        BenchCharts charts = new BenchCharts();
        String longLabel = "parallel: backend=hazelcast (embedded) poolSize=2 chunkSize=100 [plain, Java 17.0.15]";
        BenchReport.tinyBar(charts, "parallel: chunkSize=0 (ours) [JMH, Java 17.0.15]", 237.8e6);
        BenchReport.tinyBar(charts, "Camel split().parallelProcessing() [JMH, Java 17.0.15]", 1.03e6);
        BenchReport.tinyBar(charts, longLabel, 2.77e6);
        BenchReport.tinyBar(charts, "a peer that measured nothing", 0);   // left out on a log axis
        charts.bar("speedup.png", "speed-up over a sequential loop", "x", false, "speed-up", "short", 2.05);
        charts.bar("speedup.png", "speed-up over a sequential loop", "x", false, "speed-up", longLabel, 1.64);
        charts.bar("speedup.png", "speed-up over a sequential loop", "x", false, "speed-up", "no loop", Double.NaN);

        Path out = System.getProperty("charts.keep") != null ? Path.of(System.getProperty("charts.keep")) : dir;
        List<Path> written = charts.write(out);

        assertEquals(List.of(out.resolve("tiny-tasks.png"), out.resolve("speedup.png")), written);
        for (Path png : written) {
            BufferedImage image = ImageIO.read(png.toFile());
            assertTrue(image.getWidth() >= 1200 && image.getHeight() > 600 + longLabel.length() * 5,
                    png + " has no room for its longest label: " + image.getWidth() + "x" + image.getHeight());
            assertTrue(Files.size(png) > 5000, png + " is not a chart");
        }
    }
}
