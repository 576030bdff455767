package io.github.camelparallel.examples.springboot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * The process pool's task: the SHA-256 of a number's decimal text, in hex. It runs in the worker JVMs, created there
 * from its class name (task=#class:...), so it has a public no-argument constructor and no Spring dependency.
 */
public class Checksum implements Function<Integer, String> {

    @Override
    public String apply(Integer number) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(number.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
