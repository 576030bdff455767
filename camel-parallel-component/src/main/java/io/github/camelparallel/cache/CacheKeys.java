package io.github.camelparallel.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Cache keys: SHA-256 over the task's identity, its version and the item's canonical JSON (map keys and fields
 * sorted; all fields of a bean, not only those with getters), so equal items give equal keys in any JVM, whatever the
 * order a {@code HashMap} iterates in.
 * Thread-safe and stateless apart from the shared, immutable mapper.
 */
final class CacheKeys {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            // every field, as pickle does for joblib: two items that differ only in a field without a getter must not
            // share a key; an item without any state fails (FAIL_ON_EMPTY_BEANS) and is simply not cached
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .build();

    private final byte[] prefix;

    /** Keys for one task: its identity and version are hashed into every key. */
    CacheKeys(String taskIdentity, String taskVersion) {
        this.prefix = (taskIdentity + '\u0000' + taskVersion + '\u0000').getBytes(StandardCharsets.UTF_8);
    }

    /** The item's key; throws when the item has no JSON form (it is then neither looked up nor stored). */
    String keyOf(Object item) throws JsonProcessingException {
        MessageDigest digest = sha256();
        digest.update(prefix);
        digest.update(CANONICAL.writeValueAsBytes(item));
        return HexFormat.of().formatHex(digest.digest());
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
