package io.github.camelparallel.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Suite 7 (security), the static half: fails the build when the main code of the component or of an example starts
 * to use Java deserialization, Jackson polymorphic typing, a shell, or (in the worker protocol and the worker) the
 * network. Each forbidden construct says why. One exception, itself checked: the result cache's key mapper
 * ({@code cache/CacheKeys}) writes the class of every value into the JSON it hashes, with Jackson's default typing;
 * that JSON is only ever written, never read, so the file may hold no read call at all
 * ({@link #theOneMapperWithDefaultTypingOnlyWrites}). Hazelcast's own Java deserialization (of a failed task's
 * exception) happens inside Hazelcast, behind the allow-list set in {@code HazelcastConfigs}, and a test below checks
 * that this filter is still set.
 */
class SecuritySourceScanTest {

    /** Pattern → why it is forbidden in main code. */
    private static final Map<Pattern, String> FORBIDDEN_EVERYWHERE = Map.of(
            Pattern.compile("\\bObjectInputStream\\b"), "Java deserialization runs code chosen by the sender",
            Pattern.compile("\\bXMLDecoder\\b"), "XMLDecoder instantiates classes named by its input",
            Pattern.compile("(enable|activate)DefaultTyping"), "Jackson default typing lets the wire name a class",
            Pattern.compile("JsonTypeInfo\\.Id\\.(CLASS|MINIMAL_CLASS)|use\\s*=\\s*(JsonTypeInfo\\.)?Id\\.(CLASS|MINIMAL_CLASS)"),
            "class-named polymorphic typing lets the wire name a class",
            Pattern.compile("Runtime\\.getRuntime\\(\\)\\.exec\\("), "Runtime.exec splits a string; commands are argv lists",
            Pattern.compile("\"(/bin/)?(ba)?sh\"\\s*,\\s*\"-c\""), "worker commands never run through a shell",
            Pattern.compile("implements\\s+[^{]*\\bjava\\.io\\.Serializable\\b|implements\\s+(?:[\\w.]+\\s*,\\s*)*Serializable\\b"),
            "no type of ours is meant to cross a boundary through Java serialization");

    /** Packages that speak the worker protocol: stdin and stdout only, never a socket. */
    private static final Pattern NETWORK = Pattern.compile("import\\s+java\\.net\\.(Socket|ServerSocket|URL|http)|"
            + "import\\s+java\\.nio\\.channels\\.(Socket|ServerSocket)Channel");

    private static List<Path> javaFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> mainSources() throws IOException {
        List<Path> files = new ArrayList<>(javaFiles(Path.of("src/main/java")));
        try (Stream<Path> examples = Files.list(Path.of("../examples"))) {
            examples.forEach(example -> files.addAll(javaFiles(example.resolve("src/main/java"))));
        }
        return files;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one file allowed default typing, because its mapper only writes (hashes) JSON: see the class comment. */
    private static final Path WRITE_ONLY_TYPED_MAPPER = Path.of("src/main/java/io/github/camelparallel/cache/CacheKeys.java");

    /** Any way to read JSON back into Java values with a Jackson mapper. */
    private static final Pattern JACKSON_READ = Pattern.compile(
            "\\.(readValue|readValues|readTree|treeToValue|convertValue|readerFor|reader|updateValue)\\s*\\(");

    @Test
    void theOneMapperWithDefaultTypingOnlyWrites() {
        String text = read(WRITE_ONLY_TYPED_MAPPER);
        assertTrue(text.contains("activateDefaultTyping"), "the exception is still needed, or drop it: " + WRITE_ONLY_TYPED_MAPPER);
        var read = JACKSON_READ.matcher(text);
        assertTrue(!read.find(), WRITE_ONLY_TYPED_MAPPER + " reads JSON ('" + (read.find(0) ? read.group() : "") + "'):"
                + " its default-typed mapper must only ever write");
        assertTrue(text.matches("(?s).*private static final ObjectMapper \\w+ =.*"), "the typed mapper stays private");
        assertTrue(JACKSON_READ.matcher("mapper.readValue(json, Object.class)").find(), "the read pattern catches a read");
    }

    @Test
    void noDeserializationPolymorphicTypingOrShellInMainCode() throws IOException {
        List<Path> files = mainSources();
        assertTrue(files.size() > 50, "the scan must see the sources (found " + files.size() + " files)");
        assertTrue(files.stream().anyMatch(f -> f.endsWith("ParallelComponent.java")), "the component's sources");
        List<String> findings = new ArrayList<>();
        for (Path file : files) {
            String text = read(file);
            boolean writeOnly = file.normalize().equals(WRITE_ONLY_TYPED_MAPPER.normalize());
            FORBIDDEN_EVERYWHERE.forEach((pattern, why) -> {
                if (writeOnly && why.startsWith("Jackson default typing")) {
                    return; // checked by theOneMapperWithDefaultTypingOnlyWrites
                }
                var match = pattern.matcher(text);
                if (match.find()) {
                    findings.add(file + ": '" + match.group() + "': " + why);
                }
            });
        }
        assertEquals(List.of(), findings);
    }

    @Test
    void theProtocolAndTheWorkerUseNoNetwork() {
        List<Path> files = new ArrayList<>(javaFiles(Path.of("src/main/java/io/github/camelparallel/protocol")));
        files.addAll(javaFiles(Path.of("src/main/java/io/github/camelparallel/worker")));
        assertTrue(files.size() >= 5, "protocol and worker sources: " + files);
        List<String> findings = files.stream().filter(f -> NETWORK.matcher(read(f)).find()).map(Path::toString).toList();
        assertEquals(List.of(), findings, "worker protocol code must stay on stdin/stdout");
    }

    @Test
    void theScanFindsWhatItForbids() {
        // the patterns themselves, on snippets that must be caught (so a broken pattern cannot pass silently)
        List<String> snippets = List.of("new ObjectInputStream(in)", "mapper.activateDefaultTyping(ptv)",
                "mapper.enableDefaultTyping()", "@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)", "@JsonTypeInfo(use = Id.CLASS)",
                "Runtime.getRuntime().exec(cmd)", "new ProcessBuilder(\"sh\", \"-c\", line)",
                "class Job implements Serializable {", "class Job implements Runnable, java.io.Serializable {");
        for (String snippet : snippets) {
            assertTrue(FORBIDDEN_EVERYWHERE.keySet().stream().anyMatch(p -> p.matcher(snippet).find()),
                    "not caught: " + snippet);
        }
        assertTrue(NETWORK.matcher("import java.net.Socket;").find());
    }

    @Test
    void hazelcastJavaDeserializationStaysFiltered() {
        String configs = read(Path.of("src/main/java/io/github/camelparallel/backend/hazelcast/HazelcastConfigs.java"));
        assertTrue(configs.contains("setJavaSerializationFilterConfig") && configs.contains("\"io.github.camelparallel.\""),
                "HazelcastConfigs must keep Hazelcast's Java deserialization behind an allow-list");
    }
}
