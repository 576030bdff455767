package io.github.camelparallel.dispatch;

/**
 * A streamed batch's counts at one moment, for its consumer ({@link ResultIterator}). Immutable.
 *
 * @param pulled    items read from the input
 * @param done      items finished (succeeded or failed after their retries), handed out or not
 * @param failed    items failed after their retries
 * @param retries   re-runs of failed attempts
 * @param delivered results handed out (including nulls of collected failures)
 */
record StreamCounts(long pulled, long done, long failed, long retries, long delivered) {
}
