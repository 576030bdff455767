package io.github.camelparallel.backend.process;

import java.net.URL;
import java.net.URLClassLoader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Where loaded classes really come from: a class's code source and the URLs of its class loader chain, as files a
 * worker's {@code -cp} can name. A class loaded from a nested jar ({@code jar:nested:...}, {@code jar:file:...!/...})
 * or defined in memory has no such file. Stateless.
 */
final class CodeSources {

    private CodeSources() {
    }

    /** The class's code source, or null when it has none (a class defined in memory, or by the boot loader). */
    static URL location(Class<?> type) {
        CodeSource source = type.getProtectionDomain() == null ? null : type.getProtectionDomain().getCodeSource();
        return source == null ? null : source.getLocation();
    }

    /** The class's code source as a file (a jar or a directory), or null. */
    static Path file(Class<?> type) {
        return file(location(type));
    }

    /** A {@code file:} URL as a path, or null for another kind of URL. */
    static Path file(URL url) {
        try {
            return url != null && "file".equals(url.getProtocol()) ? Path.of(url.toURI()) : null;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * The files of the {@link URLClassLoader}s on the class's loader chain, the outermost loader's first (the order a
     * parent-first lookup sees them).
     */
    static List<Path> loaderChain(Class<?> type) {
        List<ClassLoader> chain = new ArrayList<>();
        for (ClassLoader loader = type.getClassLoader(); loader != null; loader = loader.getParent()) {
            chain.add(0, loader);
        }
        List<Path> files = new ArrayList<>();
        for (ClassLoader loader : chain) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    Path file = file(url);
                    if (file != null) {
                        files.add(file);
                    }
                }
            }
        }
        return files;
    }

    /** Whether the class's code source is inside {@code jar} (a nested entry of it, or the jar itself). */
    static boolean inside(Class<?> type, Path jar) {
        URL url = location(type);
        if (url == null) {
            return false;
        }
        String location = URLDecoder.decode(url.toString(), StandardCharsets.UTF_8);
        return location.contains(jar.toAbsolutePath().normalize().toString());
    }

    /** The class, its loader and its code source, for messages. */
    static String describe(Class<?> type) {
        URL url = location(type);
        ClassLoader loader = type.getClassLoader();
        return type.getName() + " (loaded by " + (loader == null ? "the boot loader" : loader.getClass().getName())
                + ", " + (url == null ? "no code source: a class that exists only in memory" : "from " + url) + ")";
    }
}
