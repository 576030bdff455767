package io.github.camelparallel.cache;

import java.io.IOException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelparallel.protocol.FrameCodec;
import io.github.camelparallel.dispatch.ItemCache.Lookup;

/**
 * Turns results into cache entries and back. An entry is {@code "CPR2"}, the CRC-32C of the payload, then the payload:
 * UTF-8 JSON {@code {"key":..., "type":..., "value":...}} or {@code {"key":..., "error":{"type":..., "message":...}}}.
 * A truncated, damaged or foreign entry (wrong magic, checksum or key) decodes to a miss, never to a wrong result.
 * The checksum detects torn and corrupted writes, not an attacker: whoever can write the folder can forge an entry,
 * which is why {@link DiskResultCache} refuses a folder others can write.
 * <p>
 * Values are written and read with {@link FrameCodec}'s configuration (the wire's), numbers exact: a result is only
 * stored when it reads back equal ({@link FrameCodec#toExactTree}: a {@code BigDecimal} keeps its scale, a
 * {@code Long} inside a {@code List} would come back an {@code Integer} and is therefore not stored), so a hit is
 * always the value the task returned. ({@code CPR1} entries, whose numbers went through doubles, are misses.)
 * <p>
 * Which classes an entry may name is bounded (no polymorphic typing from data): JSON scalars and their boxes, the
 * task's declared result type ({@code Function<T, R>}'s {@code R}), {@code java.util} collections and maps, and
 * classes from the task's own jar or folder. Results of any other class are not cached (logged once per class by the
 * caller). Thread-safe: the mapper is shared and the per-class verdicts are a concurrent map.
 */
final class CacheEntryCodec {

    private static final byte[] MAGIC = { 'C', 'P', 'R', '2' };
    private static final FrameCodec JSON = FrameCodec.SHARED;
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final String NULL_TYPE = "null";
    private static final String DECLARED_TYPE = "declared";
    private static final Set<Class<?>> SCALARS = Set.of(String.class, Integer.class, Long.class, Double.class,
            Float.class, Short.class, Byte.class, Boolean.class, Character.class, BigInteger.class, BigDecimal.class,
            byte[].class, int[].class, long[].class, double[].class);

    private final JavaType declared; // the task's declared result type, or null
    private final ClassLoader loader;
    private final TaskVersion.CodeRoot taskRoot; // the task's jar or folder, or null
    private final Map<String, Class<?>> allowed = new ConcurrentHashMap<>();

    CacheEntryCodec(Type declaredResult, ClassLoader loader, TaskVersion.CodeRoot taskRoot) {
        this.declared = declaredResult == null || declaredResult == Object.class ? null
                : JSON.typeFactory().constructType(declaredResult);
        this.loader = loader;
        this.taskRoot = taskRoot;
    }

    /**
     * The entry for a result; null when results of its class are not cached (see the class comment).
     *
     * @throws IllegalArgumentException when the result would not read back equal (it is then not cached), naming why
     */
    byte[] encodeResult(String key, Object result) throws IOException {
        String type = typeOf(result);
        if (type == null) {
            return null;
        }
        JavaType target = NULL_TYPE.equals(type) ? JSON.typeFactory().constructType(Object.class)
                : DECLARED_TYPE.equals(type) ? declared : JSON.typeFactory().constructType(result.getClass());
        ObjectNode payload = NODES.objectNode().put("key", key).put("type", type);
        payload.set("value", JSON.toExactTree(result, target));
        return frame(JSON.writeBytes(payload));
    }

    byte[] encodeFailure(String key, Throwable failure) throws IOException {
        ObjectNode payload = NODES.objectNode().put("key", key);
        payload.putObject("error").put("type", failure.getClass().getName())
                .put("message", String.valueOf(failure.getMessage()));
        return frame(JSON.writeBytes(payload));
    }

    /** What an entry holds; a miss when it is damaged, foreign, or names a class this task may not read. */
    Lookup decode(String key, byte[] entry) throws IOException {
        if (entry == null || entry.length < 8 || !Arrays.equals(entry, 0, 4, MAGIC, 0, 4)) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(entry, 8, entry.length - 8);
        if ((int) crc.getValue() != ByteBuffer.wrap(entry, 4, 4).getInt()) {
            return null;
        }
        JsonNode payload = JSON.readTree(entry, 8, entry.length - 8);
        if (!key.equals(payload.path("key").asText())) {
            return null;
        }
        JsonNode error = payload.get("error");
        if (error != null) {
            return Lookup.failure(new CachedFailureException(error.path("type").asText(), error.path("message").asText()));
        }
        String type = payload.path("type").asText();
        if (NULL_TYPE.equals(type)) {
            return Lookup.result(null);
        }
        JavaType target = DECLARED_TYPE.equals(type) ? declared : javaTypeOf(type);
        if (target == null) {
            return null;
        }
        return Lookup.result(JSON.fromTree(payload.path("value"), target));
    }

    /** How an entry names the result's class, or null when results of that class are not cached. */
    private String typeOf(Object result) {
        if (result == null) {
            return NULL_TYPE;
        }
        Class<?> type = result.getClass();
        if (SCALARS.contains(type)) {
            return type.getName();
        }
        if (declared != null && declared.getRawClass().isInstance(result) && declared.getRawClass() != Object.class) {
            return DECLARED_TYPE;
        }
        return readable(type) ? type.getName() : null;
    }

    private boolean readable(Class<?> type) {
        boolean collection = (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type))
                && type.getName().startsWith("java.util.");
        boolean own = taskRoot != null && taskRoot.contains(type);
        if (collection || own) {
            allowed.putIfAbsent(type.getName(), type);
            return true;
        }
        return false;
    }

    private JavaType javaTypeOf(String name) {
        Class<?> type = allowed.get(name);
        if (type == null) {
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return null;
            }
            if (!SCALARS.contains(type) && !readable(type)) {
                return null;
            }
        }
        return JSON.typeFactory().constructType(type);
    }

    private static byte[] frame(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return ByteBuffer.allocate(8 + payload.length).put(MAGIC).putInt((int) crc.getValue()).put(payload).array();
    }
}
