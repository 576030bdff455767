package io.github.camelparallel.dispatch;

import java.util.Locale;

/**
 * How far one batch has got, at one moment: what a progress line, a progress event or a progress bar shows.
 * Immutable.
 *
 * @param poolName     the pool's name
 * @param done         items finished (succeeded or failed after their retries)
 * @param failed       items failed after their retries
 * @param retried      re-runs of failed attempts
 * @param total        items in the batch, or -1 when unknown (a streamed batch)
 * @param elapsedNanos time since the batch started
 * @param finished     whether the batch is over
 */
public record BatchProgress(String poolName, long done, long failed, long retried, long total, long elapsedNanos,
        boolean finished) {

    /** Percent done, or -1 when the total is unknown. */
    public double percent() {
        return total < 0 ? -1 : total == 0 ? 100.0 : 100.0 * done / total;
    }

    /** Items finished per second so far. */
    public double itemsPerSecond() {
        return elapsedNanos <= 0 ? 0 : done * 1e9 / elapsedNanos;
    }

    /** Estimated time left in nanoseconds at the rate so far, or -1 when unknown (no total, nothing done yet). */
    public long etaNanos() {
        if (total < 0 || done == 0) {
            return -1;
        }
        return (long) ((double) elapsedNanos / done * (total - done));
    }

    /**
     * The progress log line, joblib-like: {@code [pool] 400/1000 items (40.0%) | 812.3 items/s | elapsed 0.5 s |
     * ETA 0.7 s | failed 0 | retried 0}; the total, the percentage and the ETA are left out when the total is unknown.
     */
    public String logLine() {
        StringBuilder line = new StringBuilder("[").append(poolName).append("] ");
        line.append(finished ? "done: " : "progress: ").append(done);
        if (total >= 0) {
            line.append('/').append(total).append(" items (").append(String.format(Locale.ROOT, "%.1f", percent()))
                    .append("%)");
        } else {
            line.append(" items");
        }
        line.append(String.format(Locale.ROOT, " | %.1f items/s | elapsed %s", itemsPerSecond(), seconds(elapsedNanos)));
        if (!finished && etaNanos() >= 0) {
            line.append(" | ETA ").append(seconds(etaNanos()));
        }
        return line.append(" | failed ").append(failed).append(" | retried ").append(retried).toString();
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
