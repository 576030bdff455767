package io.github.camelparallel.protocol;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Writes the items of one run straight into the bytes of the JSON array a {@code run} line carries, with
 * {@link FrameCodec}'s configuration. It exists so that sending a million tiny items costs one pass and no tree per
 * item: the common scalars ({@code null}, {@code Integer}, {@code Long}, {@code String}, {@code Boolean},
 * {@code Double}, non-finite ones as bare tokens) are written as they are, anything else as the tree its caller checked
 * ({@link FrameValues}), byte for byte what {@link FrameCodec#encodeItems} writes for the same values.
 * {@link #position()} tells where the last item ended, so a caller can re-send one item alone from these bytes.
 * <p>
 * Not thread-safe: one thread writes one array. States: OPEN (items are written) → {@link #finish()} (the bytes are
 * taken) or {@link #close()} (abandoned).
 */
public final class ItemWriter implements AutoCloseable {

    private final ByteArrayBuilder bytes;
    private final JsonGenerator out;

    ItemWriter(JsonFactory factory, int expectedBytes) throws IOException {
        this.bytes = new ByteArrayBuilder(expectedBytes);
        this.out = factory.createGenerator(bytes);
        out.writeStartArray();
    }

    /** Writes the item if it is one of the common scalars; false (nothing written) for anything else. */
    public boolean writeScalar(Object item) {
        try {
            if (item == null) {
                out.writeNull();
            } else if (item instanceof Integer i) {
                out.writeNumber(i);
            } else if (item instanceof Long l) {
                out.writeNumber(l);
            } else if (item instanceof String s) {
                out.writeString(s);
            } else if (item instanceof Boolean b) {
                out.writeBoolean(b);
            } else if (item instanceof Double d) {
                out.writeNumber(d);
            } else {
                return false;
            }
            return true;
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    /** Writes an item's tree (checked by the caller to fit in a frame). */
    public void writeTree(JsonNode item) {
        try {
            FrameCodec.writeNode(out, item);
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    /** The number of bytes of the array so far: where the last item written ends. */
    public int position() {
        return bytes.size() + out.getOutputBuffered();
    }

    /** Ends the array and returns its bytes. */
    public byte[] finish() {
        try {
            out.writeEndArray();
            out.close();
        } catch (IOException e) {
            throw cannotWrite(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException | RuntimeException e) {
            // an abandoned array in memory: nothing to release but the buffers
        }
        bytes.release();
    }

    private static IllegalStateException cannotWrite(IOException e) {
        // a value the caller checked always writes into memory; this would be a Jackson bug
        return new IllegalStateException("cannot encode the items of a run: " + e.getMessage(), e);
    }
}
