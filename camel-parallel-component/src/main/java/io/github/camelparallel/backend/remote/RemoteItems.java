package io.github.camelparallel.backend.remote;

import java.util.Arrays;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelparallel.protocol.FrameCodec;
import io.github.camelparallel.protocol.FrameValues;
import io.github.camelparallel.protocol.ItemWriter;
import io.github.camelparallel.spi.Chunk;

/**
 * The items of a chunk as the JSON of one {@code run} frame, for the backends that send items out of the JVM (worker
 * processes, cluster members). An item the protocol cannot carry fails alone, naming its index and type, and its
 * neighbours are sent: one Jackson cannot write, one that contains itself, or one nested deeper than a frame carries
 * ({@link FrameValues}: the frame's object and array take two of Jackson's levels, so a reader on the other side never
 * refuses the whole line for one item). Stateless and thread-safe; called on the submitting thread.
 */
public final class RemoteItems {

    private static final FrameCodec CODEC = FrameCodec.SHARED;

    /**
     * The sendable items of a chunk as the JSON array of one run frame.
     *
     * @param offsets      the items' offsets within the chunk, in run order
     * @param encodedItems the JSON array of the run frame ({@link FrameCodec#encodeRunLine})
     * @param ends         where each item's JSON ends in {@code encodedItems} (exclusive), aligned with
     *                     {@code offsets}: an item is re-sent alone from these bytes ({@link #alone})
     */
    public record Encoded(int[] offsets, byte[] encodedItems, int[] ends) {

        public int size() {
            return offsets.length;
        }

        /** The {@code i}-th item alone, as the bytes it was sent as: a one-item array, no second encoding. */
        public Encoded alone(int i) {
            int from = i == 0 ? 1 : ends[i - 1] + 1; // after the '[' or the ','
            byte[] one = new byte[ends[i] - from + 2];
            one[0] = '[';
            System.arraycopy(encodedItems, from, one, 1, ends[i] - from);
            one[one.length - 1] = ']';
            return new Encoded(new int[] { offsets[i] }, one, new int[] { one.length - 1 });
        }
    }

    private RemoteItems() {
    }

    /**
     * Encodes the chunk's items; each item that cannot be sent is handed to {@code unsendable} (the caller decides
     * when to report it). Null when no item is left to send.
     */
    public static Encoded encode(Chunk chunk, ItemFailures unsendable) {
        return encode(chunk, unsendable, UnaryOperator.identity());
    }

    /**
     * As {@link #encode(Chunk, ItemFailures)}, with each item's tree passed through {@code wireForm} (a worker's own
     * form of some values); an IllegalArgumentException from it fails that item alone.
     */
    public static Encoded encode(Chunk chunk, ItemFailures unsendable, UnaryOperator<JsonNode> wireForm) {
        int[] offsets = new int[chunk.size()];
        int[] ends = new int[chunk.size()];
        int sent = 0;
        int offset = 0;
        try (ItemWriter out = CODEC.itemWriter(16 + 8 * chunk.size())) {
            for (; offset < chunk.size(); offset++) {
                Object item = chunk.item(offset);
                if (!out.writeScalar(item)) { // the common scalars straight to bytes; the rest as a checked tree
                    try {
                        out.writeTree(wireForm.apply(FrameValues.tree(item)));
                    } catch (IllegalArgumentException e) {
                        unsendable.failed(offset, cannotSend(chunk, offset, e));
                        continue;
                    }
                }
                offsets[sent] = offset;
                ends[sent++] = out.position();
            }
            if (sent == 0) {
                return null;
            }
            return new Encoded(Arrays.copyOf(offsets, sent), out.finish(), Arrays.copyOf(ends, sent));
        } catch (IllegalStateException e) { // every item fits in a frame alone: none can be told apart
            IllegalArgumentException why = new IllegalArgumentException(e.getMessage(), e);
            for (int i = 0; i < sent; i++) {
                unsendable.failed(offsets[i], cannotSend(chunk, offsets[i], why));
            }
            for (; offset < chunk.size(); offset++) { // the item being written and those not written yet
                unsendable.failed(offset, cannotSend(chunk, offset, why));
            }
            return null;
        }
    }

    private static IllegalArgumentException cannotSend(Chunk chunk, int offset, IllegalArgumentException why) {
        return new IllegalArgumentException("Item " + chunk.indexOf(offset) + " of type "
                + FrameValues.typeOf(chunk.item(offset)) + " cannot be sent as JSON: " + why.getMessage(), why);
    }

    /** Receives the items that cannot be sent. */
    @FunctionalInterface
    public interface ItemFailures {

        void failed(int offset, IllegalArgumentException error);
    }
}
