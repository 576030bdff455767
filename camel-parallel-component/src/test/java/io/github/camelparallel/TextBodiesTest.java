package io.github.camelparallel;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Text read line by line is a batch in both modes: File, Path, InputStream (exchange charset, else UTF-8), Reader,
 * and the file a {@code file:} consumer picked up.
 */
class TextBodiesTest {

    @TempDir
    Path dir;

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private void start(RouteBuilder routes) throws Exception {
        Function<String, String> upper = s -> s.toUpperCase();
        context = TestContexts.started(Map.of("upper", upper), routes);
    }

    private static List<Object> drain(Object body) {
        List<Object> out = new ArrayList<>();
        ((Iterator<?>) body).forEachRemaining(out::add);
        return out;
    }

    @Test
    void everyTextKindInListAndStreamingMode() throws Exception {
        Path file = Files.writeString(dir.resolve("in.txt"), "a\nb\r\nc\n");
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:list").to("parallel:text?task=#upper&poolSize=2");
                from("direct:stream").to("parallel:text?task=#upper&streaming=true")
                        .process(e -> e.getMessage().setBody(drain(e.getMessage().getBody())));
            }
        });
        List<Object> expected = List.of("A", "B", "C");
        for (String uri : List.of("direct:list", "direct:stream")) {
            assertEquals(expected, TestContexts.send(context, uri, file).getMessage().getBody(), uri + " Path");
            assertEquals(expected, TestContexts.send(context, uri, file.toFile()).getMessage().getBody(), uri + " File");
            assertEquals(expected, TestContexts.send(context, uri, new StringReader("a\nb\nc")).getMessage().getBody(),
                    uri + " Reader");
            assertEquals(expected, TestContexts.send(context, uri,
                    new ByteArrayInputStream("a\nb\nc\n".getBytes(StandardCharsets.UTF_8))).getMessage().getBody(),
                    uri + " InputStream");
        }
        assertEquals(List.of("É"), context.createProducerTemplate().send("direct:list", e -> {
            e.setProperty(org.apache.camel.Exchange.CHARSET_NAME, "ISO-8859-1");
            e.getIn().setBody(new ByteArrayInputStream(new byte[] { (byte) 0xE9 }));
        }).getMessage().getBody(), "the exchange's charset decodes the stream");
    }

    @Test
    void aFilePickedUpByTheFileComponentIsReadLineByLine() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("file:" + inbox + "?initialDelay=0&delay=50").to("parallel:text?task=#upper&streaming=true")
                        .process(e -> e.getMessage().setBody(drain(e.getMessage().getBody())))
                        .to("mock:out");
            }
        });
        MockEndpoint out = context.getEndpoint("mock:out", MockEndpoint.class);
        out.expectedBodiesReceived((Object) new java.util.ArrayList<>(List.of("X", "Y")));
        Files.writeString(inbox.resolve("batch.csv"), "x\ny\n");
        out.assertIsSatisfied(10_000);
    }
}
