package io.github.camelparallel.cache;

import java.lang.reflect.Type;
import java.util.List;
import java.util.function.Function;

import io.github.camelparallel.backend.FunctionTaskClass;
import io.github.camelparallel.dispatch.ItemCache.Lookup;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What an entry keeps of a result, which classes it may name, and how it refuses damaged or foreign entries. */
class CacheEntryCodecTest {

    /** A task declaring {@code List<Long>} results. */
    public static class Squares implements Function<Integer, List<Long>> {
        @Override
        public List<Long> apply(Integer n) {
            return List.of((long) n * n);
        }
    }

    /** A result class from the task's own folder. */
    public record Point(int x, String label) {
    }

    private CacheEntryCodec codecFor(Class<?> task) {
        Type declared = FunctionTaskClass.resultType(task);
        return new CacheEntryCodec(declared, task.getClassLoader(), TaskVersion.CodeRoot.of(task));
    }

    @Test
    void resultsComeBackWithTheirTypes() throws Exception {
        CacheEntryCodec codec = codecFor(Squares.class);
        assertEquals(7L, roundTrip(codec, 7L));
        assertInstanceOf(Long.class, roundTrip(codec, 7L), "a small Long stays a Long");
        assertEquals(List.of(4L, 9L), roundTrip(codec, List.of(4L, 9L)), "the declared List<Long>, elements included");
        assertInstanceOf(Long.class, ((List<?>) roundTrip(codec, List.of(4L))).get(0));
        assertEquals(new Point(1, "a"), roundTrip(codec, new Point(1, "a")), "a record of the task's own folder");
        assertArrayEquals(new byte[] { 1, 2 }, (byte[]) roundTrip(codec, new byte[] { 1, 2 }));
        assertNull(roundTrip(codec, null));
    }

    @Test
    void classesFromElsewhereAreNotCached() throws Exception {
        CacheEntryCodec codec = codecFor(Squares.class);
        assertNull(codec.encodeResult("k", new StringBuilder("jdk class outside the allowed set")));
        assertNull(codec.encodeResult("k", java.time.Duration.ofSeconds(1)));
    }

    @Test
    void anEntryNamingAForbiddenClassIsAMiss() throws Exception {
        CacheEntryCodec codec = codecFor(Squares.class);
        byte[] good = codec.encodeResult("k", new Point(1, "a"));
        String forged = new String(good, 8, good.length - 8, java.nio.charset.StandardCharsets.UTF_8)
                .replace(Point.class.getName(), "java.lang.ProcessBuilder");
        byte[] payload = forged.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(payload);
        byte[] entry = java.nio.ByteBuffer.allocate(8 + payload.length).put(java.util.Arrays.copyOf(good, 4))
                .putInt((int) crc.getValue()).put(payload).array();
        assertNull(codec.decode("k", entry), "a well-formed entry naming a class outside the set is refused");
    }

    @Test
    void damagedOrForeignEntriesAreMisses() throws Exception {
        CacheEntryCodec codec = codecFor(Squares.class);
        byte[] entry = codec.encodeResult("key-1", 42L);
        assertNull(codec.decode("key-2", entry), "an entry stored under another key");
        assertNull(codec.decode("key-1", java.util.Arrays.copyOf(entry, entry.length - 1)), "truncated");
        byte[] flipped = entry.clone();
        flipped[flipped.length - 3] ^= 1;
        assertNull(codec.decode("key-1", flipped), "one bit flipped");
        assertNull(codec.decode("key-1", new byte[3]), "too short");
    }

    @Test
    void aFailureComesBackNamingTheOriginal() throws Exception {
        CacheEntryCodec codec = codecFor(Squares.class);
        Lookup found = codec.decode("k", codec.encodeFailure("k", new IllegalStateException("broken item")));
        CachedFailureException failure = assertInstanceOf(CachedFailureException.class, found.failure());
        assertEquals(IllegalStateException.class.getName(), failure.getOriginalType());
        assertEquals(IllegalStateException.class.getName() + ": broken item (remembered by the result cache from an"
                + " earlier run)", failure.getMessage());
    }

    private static Object roundTrip(CacheEntryCodec codec, Object value) throws Exception {
        Lookup found = codec.decode("k", codec.encodeResult("k", value));
        assertEquals(true, found.hit(), "entry for " + value);
        return found.result();
    }
}
