package io.github.camelparallel;

import org.apache.camel.spi.Metadata;

/**
 * The headers of the {@code parallel:} component. Batch headers are set on the message after a batch; item headers
 * are set on the exchange of each item when the task is a Processor or a route.
 */
public final class ParallelConstants {

    @Metadata(label = "producer", description = "The number of items in the batch.", javaType = "int")
    public static final String SIZE = "CamelParallelSize";

    @Metadata(label = "producer", description = "The number of items that failed after their retries.", javaType = "int")
    public static final String FAILED_COUNT = "CamelParallelFailedCount";

    @Metadata(label = "producer", description = "The number of re-runs of failed items.", javaType = "int")
    public static final String RETRIES = "CamelParallelRetries";

    @Metadata(label = "producer", description = "With cache: the number of items answered by the result cache (not run).",
              javaType = "long")
    public static final String CACHE_HITS = "CamelParallelCacheHits";

    @Metadata(label = "producer", description = "With cache: the number of items the result cache did not know (run).",
              javaType = "long")
    public static final String CACHE_MISSES = "CamelParallelCacheMisses";

    @Metadata(label = "producer", description = "The wall time of the batch in milliseconds.", javaType = "long")
    public static final String ELAPSED = "CamelParallelElapsed";

    @Metadata(label = "producer", description = "Item index to failure, set when any item failed.",
              javaType = "java.util.Map<Integer, Throwable>")
    public static final String ERRORS = "CamelParallelErrors";

    @Metadata(label = "consumer", description = "On an item's exchange: the item's index in the batch, from 0.",
              javaType = "int")
    public static final String INDEX = "CamelParallelIndex";

    @Metadata(label = "consumer", description = "On an item's exchange: 1 for the first run, 2 for the first retry, and so on.",
              javaType = "int")
    public static final String ATTEMPT = "CamelParallelAttempt";

    private ParallelConstants() {
    }
}
