package io.github.camelparallel.examples.cube;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

import io.github.camelparallel.ParallelComponent;
import io.github.camelparallel.ParallelConstants;
import io.github.camelparallel.spi.PoolSpec;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

/**
 * The bookkeeping steps of the route: adds up the cubes and checks the sum against the closed form, reads the size of
 * a pool, and turns the two timings of the heavy batch into a speed-up. Keeps the figures of the last run, which the
 * tests read. Thread-safe: every figure is a volatile field written by the one route thread.
 */
public class CubeReport implements CamelContextAware {

    private CamelContext camelContext;
    private volatile BigInteger cubeSum;
    private volatile int cubeCount;
    private volatile long heavyParallelMillis = -1;
    private volatile long heavySerialMillis = -1;
    private volatile double speedUp = Double.NaN;

    /**
     * The sum of the cubes, checked against 1³ + ... + n³ = (n(n+1)/2)². A BigInteger: for n = 100000 the sum is
     * 2.5·10^19, past {@code Long.MAX_VALUE}, although every single cube fits in a long.
     *
     * @throws IllegalStateException if the results do not add up, which would mean an item was lost or misplaced
     */
    public BigInteger sumOfCubes(@Body List<Long> cubes, @Header(ParallelConstants.SIZE) int count) {
        BigInteger sum = BigInteger.ZERO;
        for (Long cube : cubes) {
            sum = sum.add(BigInteger.valueOf(cube));
        }
        BigInteger expected = expectedSumOfCubes(count);
        if (!sum.equals(expected)) {
            throw new IllegalStateException("the cubes of 1.." + count + " add up to " + sum + ", not " + expected);
        }
        cubeCount = count;
        cubeSum = sum;
        return sum;
    }

    /** 1³ + 2³ + ... + n³ = (n(n+1)/2)². */
    public static BigInteger expectedSumOfCubes(long n) {
        return BigInteger.valueOf(n).multiply(BigInteger.valueOf(n + 1)).shiftRight(1).pow(2);
    }

    /** The number of threads of the running pool {@code parallel:name}. */
    public int threads(String poolName) {
        ParallelComponent component = camelContext.getComponent("parallel", ParallelComponent.class);
        PoolSpec spec = component.getPoolSpec(poolName);
        if (spec == null) {
            throw new IllegalStateException("no running pool parallel:" + poolName);
        }
        return spec.poolSize();
    }

    /**
     * How many times faster the pool ran the heavy batch than one thread, formatted like {@code 1.96}.
     *
     * @throws IllegalStateException if the two runs disagree on any result
     */
    public String speedUp(@Body List<Long> serialResults, @ExchangeProperty("parallelResults") List<Long> parallelResults,
            @Header(ParallelConstants.ELAPSED) long serialMillis, @ExchangeProperty("parallelMillis") long parallelMillis) {
        if (!serialResults.equals(parallelResults)) {
            throw new IllegalStateException("the pooled and the one-thread runs of the heavy batch disagree");
        }
        heavySerialMillis = serialMillis;
        heavyParallelMillis = parallelMillis;
        // a batch under a millisecond (tiny test sizes) counts as one, so the ratio stays finite
        double ratio = (double) Math.max(serialMillis, 1) / Math.max(parallelMillis, 1);
        speedUp = ratio;
        return String.format(Locale.ROOT, "%.2f", ratio);
    }

    public BigInteger getCubeSum() {
        return cubeSum;
    }

    public int getCubeCount() {
        return cubeCount;
    }

    public long getHeavyParallelMillis() {
        return heavyParallelMillis;
    }

    public long getHeavySerialMillis() {
        return heavySerialMillis;
    }

    public double getSpeedUp() {
        return speedUp;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
