package io.github.camelparallel.cache;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.WeakHashMap;

/**
 * A task's version when {@code taskVersion} is not given: a hash of its code, so changing the code invalidates that
 * task's cache entries and nothing else.
 * <ul>
 *   <li>A task class: the bytecode of the class and of every class it references, directly or through others, that
 *       lives in the same jar or folder and in the same package family (the first two segments of the task's package,
 *       e.g. {@code com.acme}): the user's code. The JDK, Camel and other libraries are not followed, even inside a fat
 *       jar, so upgrading them keeps the cache. This catches what joblib misses: a change in a helper the task
 *       calls.</li>
 *   <li>A worker command: the command line and the bytes of each argument that names a readable file (the script).</li>
 *   <li>A Python function ({@code python=module:function}): its name and the bytes of its module's source file, found
 *       as Python would find it in the given folders.</li>
 * </ul>
 * Stateless.
 */
public final class TaskVersion {

    private static final Set<String> HOSTED = Set.of("io.github", "com.github", "io.gitlab", "com.gitlab", "org.bitbucket");
    private static final Map<Class<?>, String> VERSIONS = Collections.synchronizedMap(new WeakHashMap<>());

    private TaskVersion() {
    }

    /** A jar or class folder: where a class's bytecode comes from. */
    public record CodeRoot(String location) {

        /** The root the class was loaded from, or null when unknown (JDK classes, generated classes). */
        static CodeRoot of(Class<?> type) {
            ClassLoader loader = type.getClassLoader();
            URL url = loader == null ? null : loader.getResource(resourceName(type.getName()));
            return url == null ? null : of(url, type.getName());
        }

        static CodeRoot of(URL classFile, String className) {
            String url = classFile.toString();
            int jar = url.indexOf("!/");
            if (jar >= 0) {
                return new CodeRoot(url.substring(0, jar));
            }
            String suffix = resourceName(className);
            return url.endsWith(suffix) ? new CodeRoot(url.substring(0, url.length() - suffix.length())) : null;
        }

        boolean contains(Class<?> type) {
            return equals(of(type));
        }
    }

    /**
     * The version of a task class: hex SHA-256 over its bytecode and that of the classes it reaches in its root and its
     * package family. Computed once per class and JVM (a class's bytecode cannot change while it is loaded).
     */
    public static String ofClass(Class<?> task) throws IOException {
        String known = VERSIONS.get(task);
        if (known == null) {
            known = compute(task);
            VERSIONS.put(task, known);
        }
        return known;
    }

    /**
     * The first two segments of a class's package ({@code com.acme} of {@code com.acme.nlp.Embed}; three under a code
     * host's namespace, {@code io.github.user}), or its whole package when shorter: the task's own code. A fat jar (shaded, Spring Boot) holds libraries too, and walking into them
     * would cost a walk of thousands of classes and tie the cache to library upgrades.
     */
    static String family(String className) {
        int lastDot = className.lastIndexOf('.');
        String[] segments = className.substring(0, Math.max(lastDot, 0)).split("\\.");
        int keep = segments.length >= 3 && HOSTED.contains(segments[0] + "." + segments[1]) ? 3 : 2;
        if (lastDot < 0) {
            return "";
        }
        return String.join(".", Arrays.asList(segments).subList(0, Math.min(keep, segments.length))) + ".";
    }

    private static String compute(Class<?> task) throws IOException {
        ClassLoader loader = task.getClassLoader() != null ? task.getClassLoader() : ClassLoader.getSystemClassLoader();
        CodeRoot root = CodeRoot.of(task);
        TreeMap<String, byte[]> code = new TreeMap<>();
        String family = family(task.getName());
        ArrayDeque<String> todo = new ArrayDeque<>(List.of(task.getName()));
        while (!todo.isEmpty()) {
            String name = todo.poll();
            if (code.containsKey(name) || !name.startsWith(family)) {
                continue;
            }
            URL url = loader.getResource(resourceName(name));
            if (url == null || (root != null && !root.equals(CodeRoot.of(url, name)))) {
                continue; // another jar or the JDK: not the task's own code
            }
            byte[] bytes;
            try (InputStream in = url.openStream()) {
                bytes = in.readAllBytes();
            }
            code.put(name, bytes);
            if (root != null) { // without a known root, only the class itself
                todo.addAll(ClassReferences.of(bytes));
            }
        }
        MessageDigest digest = CacheKeys.sha256();
        code.forEach((name, bytes) -> {
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update(bytes);
        });
        return "code-" + HexFormat.of().formatHex(digest.digest()) + "-" + code.size();
    }

    /** The version of a worker command: its words, and the contents of those that name a readable file. */
    public static String ofCommand(List<String> argv, Path workingDir) throws IOException {
        MessageDigest digest = CacheKeys.sha256();
        for (String arg : argv) {
            digest.update(arg.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            Path file = workingDir.resolve(arg);
            if (!arg.isEmpty() && Files.isRegularFile(file) && Files.isReadable(file) && !isExecutableBinary(file)) {
                digest.update(Files.readAllBytes(file));
            }
        }
        return "command-" + HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The version of a Python function: {@code module:function} and the bytes of the module's source file
     * ({@code a/b.py} or {@code a/b/__init__.py} for module {@code a.b}), the first found in {@code folders}.
     *
     * @throws IOException when no folder holds the module's source (an installed package: set taskVersion)
     */
    public static String ofPythonFunction(String function, List<Path> folders) throws IOException {
        String module = function.substring(0, Math.max(function.indexOf(':'), 0)).replace('.', '/');
        for (Path folder : folders) {
            for (Path file : List.of(folder.resolve(module + ".py"), folder.resolve(module).resolve("__init__.py"))) {
                if (Files.isRegularFile(file)) {
                    MessageDigest digest = CacheKeys.sha256();
                    digest.update(function.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    digest.update(Files.readAllBytes(file));
                    return "python-" + HexFormat.of().formatHex(digest.digest());
                }
            }
        }
        throw new IOException("the source of " + function + " is not in " + folders);
    }

    /** Interpreters like python3 are files too, but hashing them would tie the cache to an upgrade of the tool. */
    private static boolean isExecutableBinary(Path file) {
        return Files.isExecutable(file) && !file.getFileName().toString().contains(".");
    }

    private static String resourceName(String className) {
        return className.replace('.', '/') + ".class";
    }
}
