package io.github.camelparallel.backend.remote;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelparallel.protocol.FrameCodec;
import io.github.camelparallel.protocol.FrameValues;
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
     * The sendable items of a chunk.
     *
     * @param offsets      the items' offsets within the chunk, in run order
     * @param items        the items as JSON trees, aligned with {@code offsets}
     * @param encodedItems the JSON array of the run frame ({@link FrameCodec#encodeRunLine})
     */
    public record Encoded(int[] offsets, List<JsonNode> items, byte[] encodedItems) {

        public int size() {
            return offsets.length;
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
        List<JsonNode> items = new ArrayList<>(chunk.size());
        for (int offset = 0; offset < chunk.size(); offset++) {
            Object item = chunk.item(offset);
            try {
                items.add(wireForm.apply(FrameValues.tree(item)));
                offsets[items.size() - 1] = offset;
            } catch (IllegalArgumentException e) {
                unsendable.failed(offset, cannotSend(chunk, offset, e));
            }
        }
        if (items.isEmpty()) {
            return null;
        }
        int[] sent = Arrays.copyOf(offsets, items.size());
        try {
            return new Encoded(sent, items, CODEC.encodeItems(items));
        } catch (IllegalStateException e) { // every item fits in a frame alone: none can be told apart
            for (int offset : sent) {
                unsendable.failed(offset, cannotSend(chunk, offset, new IllegalArgumentException(e.getMessage(), e)));
            }
            return null;
        }
    }

    /** Encodes items the caller kept from an earlier {@link Encoded} (a re-run of some of its items). */
    public static byte[] encodeItems(List<JsonNode> items) {
        return CODEC.encodeItems(items);
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
