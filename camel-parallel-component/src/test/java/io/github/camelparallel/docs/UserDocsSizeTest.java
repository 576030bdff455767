package io.github.camelparallel.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the user docs short enough to read: every {@code docs/*.md} page (not {@code docs/contributing/}), without
 * the generated results of {@code docs/benchmarks.md} (from its begin marker up to its end marker), totals at most
 * {@link #LIMIT} bytes of UTF-8. Over the limit the failure names the largest pages, so the fix starts where it pays;
 * reference detail for contributors belongs in {@code docs/contributing/}.
 */
class UserDocsSizeTest {

    static final int LIMIT = 120_000;
    static final String GENERATED_BEGIN = "<!-- benchmarks:generated:begin";
    static final String GENERATED_END = "<!-- benchmarks:generated:end";

    /** The bytes a page counts for: its UTF-8 size without a generated benchmark section. */
    static int countedBytes(Path page) throws IOException {
        String text = Files.readString(page, StandardCharsets.UTF_8);
        int begin = text.indexOf(GENERATED_BEGIN);
        if (begin >= 0) {
            int end = text.indexOf(GENERATED_END, begin);
            if (end < 0) {
                throw new IllegalStateException(page + ": a generated section begins but never ends");
            }
            text = text.substring(0, begin) + text.substring(end);
        }
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Counted bytes per user page of a docs folder, largest first. */
    static Map<String, Integer> sizes(Path docs) throws IOException {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(docs)) {
            List<Path> pages = files.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".md"))
                    .collect(Collectors.toList());
            for (Path page : pages) {
                sizes.put(page.getFileName().toString(), countedBytes(page));
            }
        }
        return sizes.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    @Test
    void userDocsStayWithinTheLimit() throws IOException {
        Map<String, Integer> sizes = sizes(GuideCodeBlocksTest.docsDir());
        assertTrue(sizes.containsKey("parallel-component.md") && sizes.containsKey("benchmarks.md"),
                "not the docs folder: " + sizes.keySet());
        int total = sizes.values().stream().mapToInt(Integer::intValue).sum();
        String largest = sizes.entrySet().stream().limit(5).map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        assertTrue(total <= LIMIT, "the user docs (docs/*.md without docs/contributing/ and the generated benchmark"
                + " results) are " + total + " bytes, over the limit of " + LIMIT + "; the largest pages: " + largest
                + ". Shorten them, link instead of repeating, or move contributor detail to docs/contributing/.");
    }

    @Test
    void theGeneratedSectionAndContributorPagesDoNotCount(@TempDir Path docs) throws IOException {
        Files.writeString(docs.resolve("a.md"), "12345");
        Files.writeString(docs.resolve("benchmarks.md"),
                "ab" + GENERATED_BEGIN + " -->\nmany generated lines\n" + GENERATED_END + " -->\n");
        Files.createDirectories(docs.resolve("contributing"));
        Files.writeString(docs.resolve("contributing").resolve("big.md"), "x".repeat(1000));
        Map<String, Integer> sizes = sizes(docs);
        assertEquals(Map.of("a.md", 5, "benchmarks.md", 2 + (GENERATED_END + " -->\n").length()), sizes);
        assertEquals("benchmarks.md", sizes.keySet().iterator().next(), "largest first");
    }

    @Test
    void anUnendedGeneratedSectionIsAnError(@TempDir Path docs) throws IOException {
        Path page = docs.resolve("benchmarks.md");
        Files.writeString(page, "text " + GENERATED_BEGIN + " -->\nno end");
        assertThrows(IllegalStateException.class, () -> countedBytes(page));
    }
}
