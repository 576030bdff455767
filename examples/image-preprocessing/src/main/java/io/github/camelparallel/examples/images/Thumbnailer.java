package io.github.camelparallel.examples.images;

import java.awt.image.BufferedImage;
import java.awt.image.ByteLookupTable;
import java.awt.image.LookupOp;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.IntSummaryStatistics;
import java.util.function.Function;
import java.util.stream.IntStream;

import javax.imageio.ImageIO;

import net.coobird.thumbnailator.Thumbnails;

/**
 * The task of the {@code thumbs*} pools: one image to a normalised grayscale PNG thumbnail. Thumbnailator reads and
 * resizes the image (aspect ratio kept, longest side {@code maxSide}) straight into an 8-bit gray image; a
 * {@link LookupOp} (a 256-entry table, exact at both ends) then stretches its gray levels to the full 0..255 range
 * (min-max normalisation, the usual input scaling of a vision model). Public with a no-argument constructor so worker
 * JVMs of {@code backend=process} can create it. Stateless and thread-safe.
 */
public class Thumbnailer implements Function<ImageJob, Thumbnail> {

    @Override
    public Thumbnail apply(ImageJob job) {
        File source = new File(job.source());
        try {
            BufferedImage gray = Thumbnails.of(source)
                    .size(job.maxSide(), job.maxSide())
                    .imageType(BufferedImage.TYPE_BYTE_GRAY)
                    .asBufferedImage();
            IntSummaryStatistics before = grayLevels(gray).summaryStatistics();
            BufferedImage normalised = normalise(gray, before.getMin(), before.getMax());
            File target = new File(job.target());
            ImageIO.write(normalised, "png", target);
            double mean = grayLevels(normalised).average().orElse(0);
            return new Thumbnail(job.source(), job.target(), normalised.getWidth(), normalised.getHeight(),
                    before.getMin(), before.getMax(), Math.round(mean * 100) / 100.0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a thumbnail of " + source + ": " + e.getMessage(), e);
        }
    }

    /** Stretches [min, max] linearly onto [0, 255]; a flat image stays as it is. */
    static BufferedImage normalise(BufferedImage gray, int min, int max) {
        if (max <= min) {
            return gray;
        }
        byte[] table = new byte[256];
        for (int level = 0; level < 256; level++) {
            int stretched = Math.round((level - min) * 255f / (max - min));
            table[level] = (byte) Math.max(0, Math.min(255, stretched));
        }
        return new LookupOp(new ByteLookupTable(0, table), null).filter(gray, null);
    }

    /** The gray levels of an 8-bit gray image, read through its raster. */
    static IntStream grayLevels(BufferedImage gray) {
        return IntStream.of(gray.getRaster().getSamples(0, 0, gray.getWidth(), gray.getHeight(), 0, (int[]) null));
    }
}
