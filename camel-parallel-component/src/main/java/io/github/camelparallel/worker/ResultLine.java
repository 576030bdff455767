package io.github.camelparallel.worker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.github.camelparallel.protocol.Frame;
import io.github.camelparallel.protocol.FrameCodec;
import io.github.camelparallel.protocol.ItemError;

/**
 * Encodes a worker's {@code result} frame as one protocol line that the parent can read: no longer than the parent's
 * {@code maxMessageSize} (the limit the worker was started with) and within Jackson's nesting limit. It exists so that
 * one item whose result the parent could not take fails alone, instead of the whole line being refused by the parent
 * (which kills the worker and fails every item of the run).
 * <p>
 * Guarantees: the common case (the line fits) costs one encoding. Otherwise each result is encoded alone, and a result
 * that cannot be written, or that does not fit in a line by itself, becomes JSON {@code null} with an {@link ItemError}
 * naming its size and the limit. If the line is still too long (many results that fit alone but not together, long
 * error traces), traces are dropped, then the largest results fail one by one, each with an error naming its size and
 * the limit. A line that cannot be made to fit (a run of more failed items than the limit has room for) is returned as
 * it is: the parent then fails the run's items. Stateless and thread-safe.
 */
final class ResultLine {

    /** The error type named in the {@link ItemError} of a result the parent could not take. */
    static final String RESULT_NOT_SENT = "ResultNotSent";

    private static final FrameCodec CODEC = FrameCodec.SHARED;

    private final int maxLineBytes;

    ResultLine(int maxLineBytes) {
        this.maxLineBytes = maxLineBytes;
    }

    /** The result's line, newline included. */
    byte[] encode(Frame.Result result) {
        byte[] line = tryEncode(result);
        if (line != null && fits(line)) {
            return line;
        }
        List<JsonNode> results = new ArrayList<>(result.results());
        List<ItemError> errors = new ArrayList<>(result.errors());
        int[] sizes = new int[results.size()];
        for (int i = 0; i < results.size(); i++) {
            byte[] alone = tryEncode(new Frame.Result(result.id(), List.of(results.get(i))));
            if (alone == null) {
                fail(results, errors, i, "it cannot be written as a protocol line (it nests deeper than the JSON"
                        + " reader takes)");
            } else if (!fits(alone)) {
                fail(results, errors, i, tooLong(alone.length));
            } else {
                sizes[i] = alone.length;
            }
        }
        line = tryEncode(new Frame.Result(result.id(), results, errors));
        if (line != null && fits(line)) {
            return line;
        }
        errors.replaceAll(e -> new ItemError(e.index(), e.error(), FrameCodec.cut(String.valueOf(e.message())), null));
        line = tryEncode(new Frame.Result(result.id(), results, errors));
        Integer[] largestFirst = new Integer[sizes.length];
        Arrays.setAll(largestFirst, i -> i);
        Arrays.sort(largestFirst, (a, b) -> Integer.compare(sizes[b], sizes[a]));
        for (int k = 0; k < largestFirst.length && (line == null || !fits(line)); k++) {
            int i = largestFirst[k];
            if (sizes[i] == 0 || results.get(i).isNull()) {
                continue;
            }
            fail(results, errors, i, "the results of its run together are over the parent's maxMessageSize of "
                    + maxLineBytes + " bytes, and this one alone is " + sizes[i] + " bytes; raise maxMessageSize,"
                    + " return smaller results or use a smaller chunkSize");
            line = tryEncode(new Frame.Result(result.id(), results, errors));
        }
        return line != null ? line : CODEC.encodeLine(new Frame.Result(result.id(), nulls(results.size()), errors));
    }

    private boolean fits(byte[] line) {
        return line.length - 1 <= maxLineBytes; // the newline is not part of the line
    }

    private String tooLong(int bytes) {
        return "its result line would be " + (bytes - 1) + " bytes, over the parent's maxMessageSize of " + maxLineBytes
                + " bytes; raise maxMessageSize or return a smaller result";
    }

    private static void fail(List<JsonNode> results, List<ItemError> errors, int index, String why) {
        results.set(index, NullNode.getInstance());
        errors.removeIf(e -> e.index() == index);
        errors.add(new ItemError(index, RESULT_NOT_SENT, "cannot send the result: " + why, null));
    }

    private static List<JsonNode> nulls(int size) {
        List<JsonNode> nulls = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            nulls.add(NullNode.getInstance());
        }
        return nulls;
    }

    /** The line, or null when Jackson cannot write it (a tree nested beyond its writing limit). */
    private static byte[] tryEncode(Frame.Result result) {
        try {
            return CODEC.encodeLine(result);
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
    }

}
