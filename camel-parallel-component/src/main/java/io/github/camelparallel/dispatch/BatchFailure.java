package io.github.camelparallel.dispatch;

/**
 * Why a batch failed as a whole ({@code onError=fail}, or a batch timeout under any policy's {@code fail}).
 *
 * @param index   the index of the item that failed the batch
 * @param message a message naming the pool and the item
 * @param cause   the item's own failure
 */
public record BatchFailure(int index, String message, Throwable cause) {
}
