package io.github.camelparallel.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/reliability.md promises only what a test checks: every test class it names (a backticked {@code FooTest},
 * {@code FooSuite}, optionally {@code .method}) exists in the test sources, with that method when one is named, and
 * every promise section names at least one. A renamed or deleted test fails here, so the page cannot go on citing it.
 */
class ReliabilityPromisesTest {

    private static final Pattern CITED = Pattern.compile("`([A-Z][A-Za-z0-9]*(?:Test|Suite))(?:\\.([a-z][A-Za-z0-9]*))?`");

    @Test
    void everyCitedTestExistsWithTheMethodItNames() throws IOException {
        Map<String, Path> sources = testSources();
        String page = Files.readString(GuideCodeBlocksTest.docsDir().resolve("reliability.md"));
        Matcher m = CITED.matcher(page);
        List<String> missing = new ArrayList<>();
        int cited = 0;
        while (m.find()) {
            cited++;
            Path source = sources.get(m.group(1));
            if (source == null) {
                missing.add(m.group(1) + " (no such test class)");
            } else if (m.group(2) != null && !Files.readString(source).contains(" " + m.group(2) + "(")) {
                missing.add(m.group(1) + "." + m.group(2) + " (no such method)");
            }
        }
        assertTrue(cited > 30, "reliability.md cites only " + cited + " tests");
        assertTrue(missing.isEmpty(), "reliability.md cites tests that do not exist: " + new TreeSet<>(missing));
    }

    @Test
    void everyPromiseNamesATest() throws IOException {
        String page = Files.readString(GuideCodeBlocksTest.docsDir().resolve("reliability.md"));
        String promises = page.substring(page.indexOf("## Promises"), page.indexOf("\n## ", page.indexOf("## Promises") + 3));
        List<String> unchecked = new ArrayList<>();
        for (String section : promises.split("\n### ")) {
            if (section.startsWith("## Promises")) {
                continue;
            }
            if (!CITED.matcher(section).find()) {
                unchecked.add(section.lines().findFirst().orElse(section));
            }
        }
        assertTrue(unchecked.isEmpty(), "promises that name no test: " + unchecked);
    }

    private static Map<String, Path> testSources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src", "test", "java"))) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .collect(Collectors.toMap(f -> f.getFileName().toString().replace(".java", ""), Function.identity(),
                            (a, b) -> a));
        }
    }
}
