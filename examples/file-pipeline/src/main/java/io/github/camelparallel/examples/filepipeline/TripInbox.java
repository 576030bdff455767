package io.github.camelparallel.examples.filepipeline;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the example's input on its first run: {@code batches} CSV files {@code trips-001.csv}, ... of {@code rows}
 * trips each (a header line, then {@code trip_id,start_lat,start_lon,end_lat,end_lon}), trip ids counting up across
 * the files. A file that is already there is left alone, so the inbox is generated once and re-read on every run
 * (delete it to generate other sizes). The content depends only on the file's number and size (a seeded random), and
 * each file appears whole: it is written under a temporary name and moved into place.
 */
public final class TripInbox {

    private static final Logger LOG = LoggerFactory.getLogger(TripInbox.class);

    private TripInbox() {
    }

    /**
     * Generates the missing ones of the {@code batches} files, then returns every {@code *.csv} file of the inbox (the
     * generated ones and any other put there) in name order, which is the order the route reads them.
     */
    public static List<Path> ensure(Path inbox, int batches, int rows) {
        if (batches < 1 || rows < 0) {
            throw new IllegalArgumentException("pipeline.batches must be at least 1 and pipeline.rows at least 0,"
                    + " but were " + batches + " and " + rows);
        }
        try {
            Files.createDirectories(inbox);
            int generated = 0;
            for (int batch = 1; batch <= batches; batch++) {
                Path file = inbox.resolve(fileName(batch));
                if (!Files.exists(file)) {
                    write(file, batch, rows);
                    generated++;
                }
            }
            if (generated > 0) {
                LOG.info("generated {} CSV file(s) of {} trips each in {}", generated, rows, inbox.toAbsolutePath());
            }
            try (Stream<Path> listing = Files.list(inbox)) {
                return listing.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot generate the trips of the example in " + inbox.toAbsolutePath(), e);
        }
    }

    static String fileName(int batch) {
        return String.format(Locale.ROOT, "trips-%03d.csv", batch);
    }

    private static void write(Path file, int batch, int rows) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        SplittableRandom random = new SplittableRandom(batch);
        long firstId = (long) (batch - 1) * rows + 1;
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            out.write(TripDistance.INPUT_HEADER);
            out.write('\n');
            for (int row = 0; row < rows; row++) {
                // somewhere in Europe, to somewhere up to about 200 km away
                double lat = random.nextDouble(36, 60);
                double lon = random.nextDouble(-10, 30);
                out.write(String.format(Locale.ROOT, "%d,%.5f,%.5f,%.5f,%.5f%n", firstId + row, lat, lon,
                        lat + random.nextDouble(-1.5, 1.5), lon + random.nextDouble(-1.5, 1.5)));
            }
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
