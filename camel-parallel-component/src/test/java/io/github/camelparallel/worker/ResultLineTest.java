package io.github.camelparallel.worker;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.camelparallel.protocol.Frame;
import io.github.camelparallel.protocol.FrameCodec;
import io.github.camelparallel.protocol.ItemError;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A worker's result line always fits the parent's limit: what cannot fit fails alone, naming its size and the limit. */
class ResultLineTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final FrameCodec CODEC = FrameCodec.SHARED;

    private static Frame.Result decode(byte[] line) throws Exception {
        return (Frame.Result) CODEC.decode(new String(line, 0, line.length - 1, StandardCharsets.UTF_8));
    }

    private static JsonNode text(int chars) {
        return JSON.textNode("y".repeat(chars));
    }

    @Test
    void aLineThatFitsIsTheCodecsLine() {
        Frame.Result result = new Frame.Result(3, List.of(text(10), JSON.numberNode(7)));
        assertArrayEquals(CODEC.encodeLine(result), new ResultLine(1024).encode(result));
    }

    @Test
    void aResultTooLongAloneFailsAloneNamingItsSizeAndTheLimit() throws Exception {
        byte[] line = new ResultLine(2048).encode(new Frame.Result(4, List.of(text(5), text(5000), text(6))));
        assertTrue(line.length - 1 <= 2048);
        Frame.Result sent = decode(line);
        assertEquals(List.of(text(5), JSON.nullNode(), text(6)), sent.results());
        ItemError error = sent.errors().get(0);
        assertEquals(1, error.index());
        assertTrue(error.message().contains("maxMessageSize of 2048") && error.message().contains("would be 50"), error.message());
    }

    @Test
    void resultsThatFitAloneButNotTogetherFailLargestFirstUntilTheLineFits() throws Exception {
        List<JsonNode> results = List.of(text(700), text(900), text(800), text(10));
        byte[] line = new ResultLine(2048).encode(new Frame.Result(5, results));
        assertTrue(line.length - 1 <= 2048, line.length + " bytes");
        Frame.Result sent = decode(line);
        assertEquals(List.of(text(700), JSON.nullNode(), text(800), text(10)), sent.results());
        assertEquals(1, sent.errors().size());
        assertTrue(sent.errors().get(0).message().contains("together"), sent.errors().get(0).message());
    }

    @Test
    void aResultNestedBeyondTheReadersDepthFailsAlone() throws Exception {
        ArrayNode deep = JSON.arrayNode();
        ArrayNode inner = deep;
        for (int i = 0; i < 1200; i++) {
            inner = inner.addArray();
        }
        Frame.Result sent = decode(new ResultLine(1 << 20).encode(new Frame.Result(6, List.of(text(1), deep))));
        assertEquals(List.of(text(1), JSON.nullNode()), sent.results());
        assertTrue(sent.errors().get(0).message().contains("nests deeper"), sent.errors().get(0).message());
    }
}
