package io.github.camelparallel.backend.process;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.camelparallel.protocol.FrameCodec;
import io.github.camelparallel.protocol.ItemJson;
import io.github.camelparallel.spi.Chunk;

/**
 * Turns a claimed chunk into the job sent to a worker, item by item, so that an item the protocol cannot carry fails
 * alone and its neighbours are sent: one Jackson cannot write (named by index and type, {@link ItemJson}), or one
 * nested deeper than a {@code run} line may be (JSON readers stop at 1,000 levels, two of them the frame's). The check
 * of the nesting costs nothing in the common case: the items are encoded together once, and only when that fails each
 * one alone. Stateless; called on the submitting thread.
 */
final class JobItems {

    private static final FrameCodec CODEC = FrameCodec.SHARED;

    private JobItems() {
    }

    /**
     * The job of the chunk's sendable items, or null when none is; each other item is added to {@code failures} as
     * a report to make after the pool's lock is released.
     */
    static Job prepare(ChunkRun run, ItemJson json, List<Runnable> failures) {
        Chunk chunk = run.chunk();
        int[] offsets = new int[chunk.size()];
        List<JsonNode> items = new ArrayList<>(chunk.size());
        for (int offset = 0; offset < chunk.size(); offset++) {
            int o = offset;
            try {
                items.add(json.item(chunk.indexOf(offset), chunk.item(offset)));
                offsets[items.size() - 1] = offset;
            } catch (IllegalArgumentException e) {
                failures.add(() -> run.report(o, null, e));
            }
        }
        if (items.isEmpty()) {
            return null;
        }
        int[] sent = items.size() == offsets.length ? offsets : Arrays.copyOf(offsets, items.size());
        try {
            return new Job(run, sent, items, false, 0);
        } catch (IllegalStateException e) {
            return withoutUnsendable(run, sent, items, failures);
        }
    }

    private static Job withoutUnsendable(ChunkRun run, int[] offsets, List<JsonNode> items, List<Runnable> failures) {
        int[] kept = new int[offsets.length];
        List<JsonNode> keptItems = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            int offset = offsets[i];
            try {
                // [[item]]: the item at the depth a run line puts it ({"items":[item]})
                CODEC.encodeItems(List.of(JsonNodeFactory.instance.arrayNode().add(items.get(i))));
                kept[keptItems.size()] = offset;
                keptItems.add(items.get(i));
            } catch (IllegalStateException e) {
                Object item = run.chunk().item(offset);
                IllegalArgumentException error = new IllegalArgumentException("Item " + run.chunk().indexOf(offset)
                        + " of type " + (item == null ? "null" : item.getClass().getName()) + " cannot be sent to a"
                        + " worker: it nests deeper than the worker protocol carries (JSON readers stop at 1000"
                        + " levels, 2 of them the run line's): " + e.getMessage(), e);
                failures.add(() -> run.report(offset, null, error));
            }
        }
        return keptItems.isEmpty() ? null
                : new Job(run, Arrays.copyOf(kept, keptItems.size()), keptItems, false, 0);
    }
}
