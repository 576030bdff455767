package io.github.camelparallel.hazelcast;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Function;

/** CPU-bound: n → a SHA-256 chain of {@value #ROUNDS} rounds seeded with n (a few ms of one core). */
public class CpuWork implements Function<Integer, Long> {

    static final int ROUNDS = 20_000;

    @Override
    public Long apply(Integer n) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] value = ByteBuffer.allocate(4).putInt(n).array();
            for (int i = 0; i < ROUNDS; i++) {
                value = sha.digest(value);
            }
            return ByteBuffer.wrap(value).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
