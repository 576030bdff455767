package io.github.camelparallel.examples.images;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import java.util.function.Function;

import javax.imageio.ImageIO;

/**
 * The task of {@code parallel:generate}: paints one synthetic landscape (a sky gradient, a sun, mountain ranges,
 * houses, grass and trees) with Java2D and writes it as JPEG or PNG, so the example has realistic, compressible
 * input of a realistic size without shipping any. The same seed always paints the same scene. Uses no fonts, so it
 * runs on machines without any installed. Stateless and thread-safe.
 */
public class ScenePainter implements Function<SceneSpec, String> {

    @Override
    public String apply(SceneSpec spec) {
        BufferedImage image = paint(spec);
        File file = new File(spec.path());
        String format = spec.path().endsWith(".png") ? "png" : "jpg";
        try {
            if (!ImageIO.write(image, format, file)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the scene " + file, e);
        }
        return spec.path();
    }

    static BufferedImage paint(SceneSpec spec) {
        int w = spec.width();
        int h = spec.height();
        SplittableRandom random = new SplittableRandom(spec.seed());
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            int horizon = h / 2 + random.nextInt(h / 6);
            g.setPaint(new GradientPaint(0, 0, color(random, 20, 90), 0, horizon, color(random, 150, 255)));
            g.fillRect(0, 0, w, horizon);
            int sun = w / 14 + random.nextInt(w / 14);
            g.setColor(new Color(255, 220 + random.nextInt(36), 120 + random.nextInt(100)));
            g.fill(new Ellipse2D.Double(random.nextInt(w - sun), random.nextInt(horizon / 2), sun, sun));
            for (int range = 0; range < 3; range++) {
                g.setColor(color(random, 40 + 40 * range, 110 + 40 * range));
                g.fillPolygon(ridge(random, w, h, horizon - (2 - range) * h / 12));
            }
            g.setPaint(new GradientPaint(0, horizon, color(random, 30, 120), 0, h, color(random, 0, 60)));
            g.fillRect(0, horizon + h / 12, w, h);
            for (int i = 0; i < 6 + random.nextInt(10); i++) {
                int size = w / 20 + random.nextInt(w / 12);
                house(g, random, random.nextInt(w), horizon + h / 12 + random.nextInt(h / 3), size);
            }
            // grass: a few thousand short strokes, the fine detail that makes a photo's JPEG large and slow to decode
            for (int i = 0; i < 4000; i++) {
                int x = random.nextInt(w);
                int y = horizon + h / 12 + random.nextInt(Math.max(1, h - horizon - h / 12));
                g.setColor(new Color(30 + random.nextInt(60), 80 + random.nextInt(120), 20 + random.nextInt(50)));
                g.drawLine(x, y, x + random.nextInt(5) - 2, y - 3 - random.nextInt(8));
            }
            g.setStroke(new BasicStroke(2f));
            for (int i = 0; i < 10 + random.nextInt(30); i++) {
                int size = h / 20 + random.nextInt(h / 8);
                int x = random.nextInt(w);
                int y = horizon + random.nextInt(h - horizon);
                g.setColor(new Color(60 + random.nextInt(40), 40 + random.nextInt(30), 20));
                g.fillRect(x + size / 3, y + size / 2, size / 4, size);
                g.setColor(new Color(20 + random.nextInt(60), 90 + random.nextInt(110), 20 + random.nextInt(60)));
                g.fill(new Ellipse2D.Double(x, y, size, size));
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static Polygon ridge(SplittableRandom random, int w, int h, int base) {
        Polygon ridge = new Polygon();
        ridge.addPoint(0, h);
        for (int x = 0; x <= w; x += w / 16) {
            ridge.addPoint(x, base - random.nextInt(h / 5));
        }
        ridge.addPoint(w, h);
        return ridge;
    }

    private static void house(Graphics2D g, SplittableRandom random, int x, int y, int size) {
        g.setColor(color(random, 120, 240));
        g.fillRect(x, y, size, size * 3 / 4);
        g.setColor(new Color(120 + random.nextInt(80), 30 + random.nextInt(40), 30));
        int[] roofX = { x - size / 8, x + size / 2, x + size + size / 8 };
        g.fillPolygon(roofX, new int[] { y, y - size / 2, y }, 3);
        g.setColor(new Color(40, 40, 60));
        g.fillRect(x + size / 3, y + size / 3, size / 4, size * 5 / 12);
    }

    private static Color color(SplittableRandom random, int low, int high) {
        int range = high - low;
        return new Color(low + random.nextInt(range), low + random.nextInt(range), low + random.nextInt(range));
    }
}
