package io.github.camelparallel.dispatch;

import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
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
    void aRandomAccessListIsReadInPlaceAndOtherCollectionsAreCopied() {
        List<Object> array = new ArrayList<>(List.of(1, 2, 3));
        assertSame(array, BatchItems.toList(array, "p"), "an ArrayList body is not copied");
        LinkedList<Object> linked = new LinkedList<>(List.of(1, 2, 3));
        List<Object> copied = BatchItems.toList(linked, "p");
        assertNotSame(linked, copied);
        assertTrue(copied instanceof RandomAccess, "chunks are views of a random-access list");
        assertEquals(linked, copied);
    }

    @Test
    void stringIsNeverSplit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BatchItems.toList("a,b", "p"));
        assertTrue(e.getMessage().contains("java.lang.String") && e.getMessage().contains("parallel:p"), e.getMessage());
    }
}
