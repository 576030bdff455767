package io.github.camelparallel.examples.cube;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Function;

/**
 * The task of {@code parallel:heavy}: real CPU work per item, {@code rounds} SHA-256 digests chained from the number,
 * whose first 8 bytes are the result. Deterministic, so the pooled and the one-thread runs must agree.
 * Thread-safe: configured once, then each call uses its own {@link MessageDigest}.
 */
public class Sha256Rounds implements Function<Integer, Long> {

    private int rounds = 1000;

    @Override
    public Long apply(Integer n) {
        MessageDigest sha256 = newSha256();
        byte[] digest = ByteBuffer.allocate(Integer.BYTES).putInt(n).array();
        for (int i = 0; i < rounds; i++) {
            digest = sha256.digest(digest);
        }
        return ByteBuffer.wrap(digest).getLong();
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    public int getRounds() {
        return rounds;
    }

    public void setRounds(int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1 but was " + rounds);
        }
        this.rounds = rounds;
    }
}
