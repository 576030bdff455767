package io.github.camelparallel.examples.python;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Makes the batch of the example: lists of numbers, the same for the same arguments. Stateless and thread-safe. */
public class Samples {

    /** {@code count} samples of {@code size} numbers each (log-normal, like response times), seeded by their index. */
    public List<List<Double>> batch(int count, int size) {
        List<List<Double>> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SplittableRandom random = new SplittableRandom(i);
            List<Double> sample = new ArrayList<>(size);
            for (int j = 0; j < size; j++) {
                // Box-Muller: a normal variate from two uniform ones, then exp() for a skewed, positive sample
                double radius = Math.sqrt(-2 * Math.log(1 - random.nextDouble()));
                double normal = radius * Math.cos(2 * Math.PI * random.nextDouble());
                sample.add(Math.round(Math.exp(3 + 0.5 * normal) * 1000) / 1000.0);
            }
            batch.add(sample);
        }
        return batch;
    }
}
