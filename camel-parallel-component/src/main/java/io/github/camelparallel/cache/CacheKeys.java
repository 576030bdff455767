package io.github.camelparallel.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import java.io.IOException;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.impl.LaissezFaireSubTypeValidator;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Cache keys: SHA-256 over the task's identity, its version, the batch's {@code cacheKey} value (if any) and the item's
 * canonical JSON (map keys and fields sorted; all fields of a bean, not only those with getters), so equal items give
 * equal keys in any JVM, whatever the order a {@code HashMap} iterates in.
 * <p>
 * The canonical JSON names the Java type of every value in the item, recursively, as pickle does for joblib: two items
 * that differ only by class (the records {@code Circle(1.0)} and {@code Square(1.0)}, the {@code Integer} 5 and the
 * {@code Long} 5, a {@code List} holding an {@code Integer} or a {@code Long}, a map key {@code 1} or {@code "1"}, the
 * {@code BigDecimal}s {@code 1.5} and {@code 1.50}) never share a key. Only {@code String}, {@code Integer},
 * {@code Double} and {@code Boolean}, whose JSON forms cannot be confused, go untagged; {@code NaN} is a bare token,
 * never the string {@code "NaN"}. This JSON is only ever written and hashed, never read: the type names cannot choose
 * a class. Thread-safe and stateless apart from the shared, immutable mapper.
 */
final class CacheKeys {

    /** Changes whenever the key's form changes, so that entries keyed the old way are simply never found. */
    static final String FORMAT = "keys-2";

    private static final ObjectMapper CANONICAL = JsonMapper.builder(JsonFactory.builder()
                    .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS).build())
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            // every field, as pickle does for joblib: two items that differ only in a field without a getter must not
            // share a key; an item without any state fails (FAIL_ON_EMPTY_BEANS) and is simply not cached
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            // the class of every value (written only, never read back: no class is ever chosen by this JSON)
            .activateDefaultTyping(LaissezFaireSubTypeValidator.instance, ObjectMapper.DefaultTyping.EVERYTHING,
                    JsonTypeInfo.As.PROPERTY)
            .addModule(new SimpleModule("camel-parallel-typed-keys").addKeySerializer(Object.class, new TypedMapKeys()))
            .build();

    private final byte[] prefix;

    /** Keys for one task: its identity and version are hashed into every key. */
    CacheKeys(String taskIdentity, String taskVersion) {
        this.prefix = (FORMAT + '\u0000' + taskIdentity + '\u0000' + taskVersion + '\u0000').getBytes(StandardCharsets.UTF_8);
    }

    /** The item's key without a batch key; see {@link #keyOf(Object, String)}. */
    String keyOf(Object item) throws JsonProcessingException {
        return keyOf(item, null);
    }

    /**
     * The item's key; throws when the item has no JSON form (it is then neither looked up nor stored).
     *
     * @param batchKey the value of the endpoint's {@code cacheKey} expression for the batch, or null without one
     */
    String keyOf(Object item, String batchKey) throws JsonProcessingException {
        MessageDigest digest = sha256();
        digest.update(prefix);
        if (batchKey == null) {
            digest.update((byte) 0);
        } else {
            digest.update((byte) 1);
            digest.update(batchKey.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        digest.update(CANONICAL.writeValueAsBytes(item));
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A map key as its class and its text: the keys {@code 1} and {@code "1"} differ. */
    private static final class TypedMapKeys extends JsonSerializer<Object> {
        @Override
        public void serialize(Object key, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeFieldName(key.getClass().getName() + ":" + key);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }
}
