package io.github.camelparallel.examples.images;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The image job in Python: the same photos (painted by the Java example's painter when missing) through the plain
 * Pillow function {@code thumbs.thumbnail} on {@code python=}, timed on {@code poolSize=1} and on one worker per
 * processor, the pools started (by a first photo) before the clock runs. Run by
 * {@code -Dimages.python.run} with the interpreter of {@code -Dpython.executable} (default {@code python3}).
 */
public final class PythonThumbnails {

    /** Both timings. */
    record Outcome(int photos, long serialMillis, long parallelMillis, int workers, List<?> sizes) {

        String summary() {
            return String.format("Python thumbnails of %d photos: poolSize=1 %d ms, poolSize=%d %d ms, speed-up %.2fx",
                            photos, serialMillis, workers, parallelMillis, (double) serialMillis / parallelMillis);
        }
    }

    private PythonThumbnails() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(run(System.getProperty("images.dir", "target/images"),
                Integer.getInteger("images.count", 300), System.getProperty("python.executable", "python3")).summary());
    }

    static Outcome run(String dir, int count, String python) throws Exception {
        Scenes scenes = new Scenes();
        scenes.setDir(dir);
        scenes.setCount(count);
        ScenePainter painter = new ScenePainter();
        scenes.missing().parallelStream().forEach(painter::apply);
        List<String> photos = scenes.jobs().stream().map(ImageJob::source).toList();
        int workers = Runtime.getRuntime().availableProcessors();
        String options = "?backend=process&python=thumbs:thumbnail&pythonPath=python&pythonExecutable=" + python;
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            String serialUri = "parallel:py-thumbs-1" + options + "&poolSize=1";
            String parallelUri = "parallel:py-thumbs" + options + "&poolSize=" + workers;
            template.requestBody(serialUri, photos.subList(0, 1)); // starts the pools: the clock counts the work only
            template.requestBody(parallelUri, photos.subList(0, 1));
            long start = System.nanoTime();
            List<?> serial = template.requestBody(serialUri, photos, List.class);
            long serialNanos = System.nanoTime() - start;
            start = System.nanoTime();
            List<?> parallel = template.requestBody(parallelUri, photos, List.class);
            long parallelNanos = System.nanoTime() - start;
            if (!serial.equals(parallel)) {
                throw new IllegalStateException("the two runs made different thumbnails: " + serial + " / " + parallel);
            }
            return new Outcome(photos.size(), TimeUnit.NANOSECONDS.toMillis(serialNanos),
                    TimeUnit.NANOSECONDS.toMillis(parallelNanos), workers, parallel);
        }
    }
}
