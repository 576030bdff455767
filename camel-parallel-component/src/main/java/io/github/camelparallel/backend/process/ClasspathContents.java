package io.github.camelparallel.backend.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Which classes a {@code -cp} value holds, read the way {@code java} reads it: directories, jars, {@code dir/*}
 * wildcards (the jars of the directory) and the {@code Class-Path} of each jar's manifest, followed. Used at route
 * start to name a class a worker would not find before any worker starts. Reads files only; stateless.
 */
final class ClasspathContents {

    private ClasspathContents() {
    }

    /** The names among {@code classNames} that no entry of {@code classpath} holds, in their order. */
    static List<String> missing(String classpath, List<String> classNames) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String name : classNames) {
            wanted.add(name.replace('.', '/') + ".class");
        }
        Set<Path> seen = new LinkedHashSet<>();
        for (Path entry : entries(classpath)) {
            visit(entry, wanted, seen);
        }
        List<String> missing = new ArrayList<>();
        for (String resource : wanted) {
            missing.add(resource.substring(0, resource.length() - 6).replace('/', '.'));
        }
        return missing;
    }

    /** The entries of a {@code -cp} value, a {@code dir/*} expanded to the jars of the directory. */
    static List<Path> entries(String classpath) {
        List<Path> entries = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*") || entry.endsWith(File.separator + "*")) {
                Path dir = Path.of(entry.substring(0, entry.length() - 1).isEmpty() ? "." : entry.substring(0,
                        entry.length() - 1));
                try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.{jar,JAR}")) {
                    jars.forEach(entries::add);
                } catch (IOException e) {
                    // a missing directory holds nothing, as for java
                }
            } else {
                entries.add(Path.of(entry));
            }
        }
        return entries;
    }

    private static void visit(Path entry, Set<String> wanted, Set<Path> seen) {
        Path path = entry.toAbsolutePath().normalize();
        if (wanted.isEmpty() || !seen.add(path)) {
            return;
        }
        if (Files.isDirectory(path)) {
            wanted.removeIf(resource -> Files.isRegularFile(path.resolve(resource)));
        } else if (Files.isRegularFile(path)) {
            List<Path> referenced = new ArrayList<>();
            try (JarFile jar = new JarFile(path.toFile())) {
                wanted.removeIf(resource -> jar.getEntry(resource) != null);
                Manifest manifest = jar.getManifest();
                String classPath = manifest == null ? null
                        : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
                if (classPath != null) {
                    for (String reference : classPath.trim().split("\\s+")) {
                        referenced.add(manifestReference(path, reference));
                    }
                }
            } catch (IOException | RuntimeException e) {
                return; // not a jar: java skips it too
            }
            for (Path reference : referenced) {
                if (reference != null) {
                    visit(reference, wanted, seen);
                }
            }
        }
    }

    /** A {@code Class-Path} entry: a URL relative to the jar's directory, or a file: URL. */
    private static Path manifestReference(Path jar, String reference) {
        try {
            java.net.URI uri = jar.getParent().toUri().resolve(reference);
            return "file".equals(uri.getScheme()) ? Path.of(uri) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
