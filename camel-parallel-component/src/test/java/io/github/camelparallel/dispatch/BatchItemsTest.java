package io.github.camelparallel.dispatch;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Body conversion without Camel: streams are closed after draining; refusals name the type. */
class BatchItemsTest {

    @Test
    void streamIsClosedAfterDraining() {
        AtomicBoolean closed = new AtomicBoolean();
        List<Object> items = BatchItems.toList(Stream.of(1, 2).onClose(() -> closed.set(true)), "p");
        assertEquals(List.of(1, 2), items);
        assertTrue(closed.get());
    }

    @Test
    void stringIsNeverSplit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BatchItems.toList("a,b", "p"));
        assertTrue(e.getMessage().contains("java.lang.String") && e.getMessage().contains("parallel:p"), e.getMessage());
    }
}
