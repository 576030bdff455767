package io.github.camelparallel.spi;

/**
 * The function a pool runs over every item of a batch, as the dispatch core and the in-JVM backends see it.
 * <p>
 * The Camel layer adapts a {@code java.util.function.Function}, a Camel {@code Processor}, a bean method or a
 * {@code from("parallel:name")} route to this one shape. Implementations must be safe to call from several
 * pool threads at once.
 */
@FunctionalInterface
public interface ItemTask {

    /**
     * Runs the task over one item.
     *
     * @param item    the item (may be null when the batch holds nulls)
     * @param index   the item's position in the batch, from 0
     * @param attempt 1 for the first run, 2 for the first retry, and so on
     * @return        the item's result
     * @throws Exception any failure; it is recorded against {@code index} and never thrown past the pool
     */
    Object apply(Object item, int index, int attempt) throws Exception;
}
