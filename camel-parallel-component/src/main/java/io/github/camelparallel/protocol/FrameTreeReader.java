package io.github.camelparallel.protocol;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads one protocol line into the tree {@link FrameDecoder} turns into a frame, numbers exact as
 * {@link ExactTreeReader} reads them. It exists so that the big arrays of a line ({@code items} of a run,
 * {@code results} of a result) are built once, straight into the list the frame copies, instead of grown element by
 * element and copied again. Stateless and thread-safe.
 */
final class FrameTreeReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private FrameTreeReader() {
    }

    /** The tree of a line given as text or as bytes ({@link #readFrameTree}). */
    static JsonNode read(JsonFactory factory, String text, byte[] bytes) throws JsonProcessingException {
        try (JsonParser p = text != null ? factory.createParser(text) : factory.createParser(bytes)) {
            return readFrameTree(p);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read a line in memory: " + e.getMessage(), e); // no I/O here
        }
    }

    /**
     * A line's tree, as {@link FrameCodec#readTree} reads it, but the elements of a top-level {@code items} or {@code results}
     * array go straight into the list its {@link ArrayNode} holds: a run of a million items is one list, not one
     * grown element by element and copied.
     */
    private static JsonNode readFrameTree(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return FrameCodec.readAll(p); // not an object: FrameDecoder names what it is
        }
        ObjectNode root = NODES.objectNode();
        JsonToken token;
        while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            token = p.nextToken();
            if (token == JsonToken.START_ARRAY && (field.equals("items") || field.equals("results"))) {
                List<JsonNode> elements = new ArrayList<>();
                while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (token == null) {
                        throw new JsonParseException(p, "unexpected end of input inside a JSON value");
                    }
                    elements.add(ExactTreeReader.read(p));
                }
                root.set(field, new ArrayNode(NODES, elements));
            } else if (token == null) {
                throw new JsonParseException(p, "unexpected end of input inside a JSON value");
            } else {
                root.set(field, ExactTreeReader.read(p));
            }
        }
        if (token != JsonToken.END_OBJECT) {
            throw new JsonParseException(p, "unexpected end of input inside a JSON value");
        }
        if (p.nextToken() != null) {
            throw new JsonParseException(p, "trailing token (" + p.currentToken() + ") after the JSON value");
        }
        return root;
    }

}
