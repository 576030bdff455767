package io.github.camelparallel;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The component jar carries the repository's {@code LICENSE} and {@code NOTICE} under {@code META-INF}, byte for byte,
 * as every Apache-licensed jar does (the build copies them into the classes folder the jar is made from).
 */
class LegalFilesTest {

    @Test
    void licenseAndNoticeAreCopiedIntoTheJarsMetaInf() throws Exception {
        Path root = Path.of("..");
        for (String name : new String[] {"LICENSE", "NOTICE"}) {
            Path source = root.resolve(name);
            Path packaged = Path.of("target", "classes", "META-INF", name);
            assertTrue(Files.isRegularFile(source), "no " + source.toAbsolutePath());
            assertTrue(Files.isRegularFile(packaged), "no " + packaged.toAbsolutePath());
            assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(packaged), name + " differs in the jar");
        }
        assertTrue(Files.readString(root.resolve("LICENSE")).contains("Apache License"), "LICENSE is not the Apache License");
    }
}
