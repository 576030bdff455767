package io.github.camelparallel.docs;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every fenced code block of the user guides (docs/*.md, not docs/contributing/) is checked, so a guide cannot show
 * code that does not work: Java blocks compile against the component (fragments wrapped in a {@code RouteBuilder})
 * and their routes are built in a real CamelContext, the getting-started program runs; YAML blocks load through
 * Camel's YAML DSL; XML dependency blocks match the poms' versions; properties blocks name real component options;
 * JSON blocks parse; shell blocks name modules, profiles and properties that exist. What cannot be checked is in
 * {@link #EXEMPT}, each with its reason, and an exemption that no longer matches a block fails the test. Also: every
 * relative link of a guide points to a file and heading that exist, and no guide carries an issue number, a dated
 * work round or a machine path.
 */
class GuideCodeBlocksTest {

    /** A block the test cannot check, by file and a text the block contains, with the reason. */
    record Exemption(String file, String contains, String reason) { }

    static final List<Exemption> EXEMPT = List.of(
            new Exemption("running.md", "camel:\n  component:", "a Spring Boot application.yml, not a route:"
                    + " SpringBootDocsTest starts a Spring Boot application with it"),
            new Exemption("distributed.md", "MemberMain", "a member JVM's command line on other machines ('...' and"
                    + " 'lib/*' are the reader's)"),
            new Exemption("getting-started.md", "install -DskipTests", "installs into the reader's ~/.m2: a build must"
                    + " not do that"));

    private static final Pattern FENCE = Pattern.compile("^( *)```(\\w*)\\s*$");
    private static final Pattern EXPLICIT_ANCHOR = Pattern.compile("<a id=\"([^\"]+)\"></a>");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final String GENERATED_BEGIN = "<!-- benchmarks:generated:begin";
    private static final String GENERATED_END = "<!-- benchmarks:generated:end -->";

    record Block(String file, int line, String lang, String text) {
        String where() {
            return file + ":" + line + " (" + (lang.isEmpty() ? "no language" : lang) + ")";
        }
    }

    static Path docsDir() {
        String dir = System.getProperty("docs.dir");
        Path base = dir != null && !dir.isBlank() ? Path.of(dir) : Path.of("..", "docs");
        return base.toAbsolutePath().normalize();
    }

    static List<Path> guides() throws IOException {
        try (Stream<Path> files = Files.list(docsDir())) {
            return files.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList());
        }
    }

    /** The fenced blocks of one Markdown text, in order; a fence may be indented (inside a list item). */
    static List<Block> blocks(String file, String markdown) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher open = FENCE.matcher(lines[i]);
            if (!open.matches()) {
                continue;
            }
            int indent = open.group(1).length();
            StringBuilder text = new StringBuilder();
            int j = i + 1;
            while (j < lines.length && !lines[j].trim().equals("```")) {
                String l = lines[j];
                text.append(l.length() >= indent && l.substring(0, indent).isBlank() ? l.substring(indent) : l)
                        .append('\n');
                j++;
            }
            assertTrue(j < lines.length, file + ":" + (i + 1) + ": a code block is not closed");
            blocks.add(new Block(file, i + 1, open.group(2).toLowerCase(Locale.ROOT), text.toString()));
            i = j;
        }
        return blocks;
    }

    static List<Block> allBlocks() throws IOException {
        List<Block> all = new ArrayList<>();
        for (Path guide : guides()) {
            all.addAll(blocks(guide.getFileName().toString(), Files.readString(guide, StandardCharsets.UTF_8)));
        }
        return all;
    }

    static Exemption exemption(Block block) {
        return EXEMPT.stream().filter(e -> e.file().equals(block.file()) && block.text().contains(e.contains()))
                .findFirst().orElse(null);
    }

    @Test
    void extractionFindsFencesAndIndentedOnes() {
        List<Block> found = blocks("x.md", "text\n```java\nint a;\n```\n- item\n  ```yaml\n  - a: 1\n  ```\n");
        assertEquals(2, found.size());
        assertEquals("java", found.get(0).lang());
        assertEquals("int a;\n", found.get(0).text());
        assertEquals("- a: 1\n", found.get(1).text());
        assertEquals(6, found.get(1).line());
    }

    @Test
    void everyExemptionStillMatchesABlock() throws IOException {
        List<Block> all = allBlocks();
        for (Exemption e : EXEMPT) {
            assertTrue(all.stream().anyMatch(b -> exemption(b) == e), "exemption no longer matches a block: " + e);
        }
    }

    @Test
    void everyBlockHasAKnownLanguage() throws IOException {
        Set<String> known = Set.of("java", "yaml", "xml", "properties", "json", "sh", "python", "text", "");
        List<String> problems = new ArrayList<>();
        for (Block b : allBlocks()) {
            if (!known.contains(b.lang()) && exemption(b) == null) {
                problems.add(b.where() + ": no check for this language; add one or an exemption");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    // ---------------------------------------------------------------- Java

    private static final String IMPORTS = String.join("\n",
            "import java.util.*;", "import java.util.concurrent.*;", "import java.util.function.Function;",
            "import org.apache.camel.*;", "import org.apache.camel.builder.RouteBuilder;",
            "import org.apache.camel.spi.CamelEvent;", "import org.apache.camel.support.EventNotifierSupport;",
            "import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;",
            "import io.github.camelparallel.*;", "import io.github.camelparallel.dispatch.ResultIterator;", "");

    /** The source of a compilation unit for the block: as is when it is one, else wrapped in a RouteBuilder. */
    static String javaSource(Block block, String className) {
        String text = block.text();
        if (text.startsWith("package ")) {
            return text;
        }
        String body = text.replaceAll("(?m)^public (class|record|interface) ", "$1 ");
        if (body.stripLeading().startsWith(".")) {
            body = "from(\"direct:snippet\")" + body.stripLeading();
            if (!body.stripTrailing().endsWith(";")) {
                body = body.stripTrailing() + ";";
            }
        }
        return "package snippets;\n" + IMPORTS
                + "public class " + className + " extends RouteBuilder {\n"
                + "    ProducerTemplate template; List<Integer> xs; String text;\n"
                + "    ProgressBar progressBar = new ProgressBar();\n"
                + "    static class ProgressBar { void update(Object progress) { } }\n"
                + "    public static class Scorer { public int score(String s) { return s.length(); } }\n"
                + "    public static class Enricher { public String enrich(String s) { return s; } }\n"
                + "    @Override public void configure() throws Exception {\n        CamelContext context = getContext();\n" + body + "\n    }\n}\n";
    }

    static String className(Block block) {
        Matcher m = Pattern.compile("public class (\\w+)").matcher(block.text());
        if (block.text().startsWith("package ") && m.find()) {
            return block.text().substring(8, block.text().indexOf(';')) + "." + m.group(1);
        }
        return "snippets.Snippet_" + block.file().replaceAll("\\W", "_") + "_" + block.line();
    }

    @Test
    void javaBlocksCompileAndTheirRoutesBuild() throws Exception {
        List<Block> java = allBlocks().stream().filter(b -> b.lang().equals("java") && exemption(b) == null)
                .collect(Collectors.toList());
        assertFalse(java.isEmpty());
        Path out = Files.createTempDirectory("guide-snippets");
        List<JavaFileObject> units = new ArrayList<>();
        Map<JavaFileObject, Block> origin = new java.util.HashMap<>();
        for (Block b : java) {
            String fqcn = className(b);
            String simple = fqcn.substring(fqcn.lastIndexOf('.') + 1);
            JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///" + fqcn.replace('.', '/') + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return javaSource(b, simple);
                }
            };
            units.add(unit);
            origin.put(unit, b);
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean ok = compiler.getTask(null, files, diagnostics, List.of("-d", out.toString(), "-classpath",
                    System.getProperty("java.class.path"), "-proc:none", "-Xlint:none"), null, units).call();
            List<String> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    Block b = origin.get(d.getSource());
                    errors.add((b == null ? String.valueOf(d.getSource()) : b.where()) + ": "
                            + d.getMessage(Locale.ROOT));
                }
            }
            assertTrue(ok && errors.isEmpty(), "guide Java blocks do not compile:\n" + String.join("\n", errors));
        }
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] { out.toUri().toURL() },
                getClass().getClassLoader())) {
            List<String> problems = new ArrayList<>();
            for (Block b : java) {
                Class<?> type = loader.loadClass(className(b));
                if (RouteBuilder.class.isAssignableFrom(type) && !b.text().contains("template.")) {
                    // build the block's routes in a real context (not started: beans and files are the reader's)
                    try (DefaultCamelContext context = new DefaultCamelContext()) {
                        try {
                            context.addRoutes((RouteBuilder) type.getDeclaredConstructor().newInstance());
                        } catch (Exception e) {
                            problems.add(b.where() + ": its routes do not build: " + e);
                        }
                    }
                }
            }
            assertTrue(problems.isEmpty(), String.join("\n", problems));
            runGettingStartedProgram(loader);
        }
    }

    /** The getting-started program runs as written: it starts, processes its one message and returns. */
    private static void runGettingStartedProgram(ClassLoader loader) throws Exception {
        Method main = loader.loadClass("com.acme.WordLengths").getMethod("main", String[].class);
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<?> run = runner.submit(() -> {
                main.invoke(null, (Object) new String[0]);
                return null;
            });
            run.get(60, TimeUnit.SECONDS);
        } finally {
            runner.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- YAML, XML, properties, JSON, shell, Python

    @Test
    void yamlBlocksLoadInCamelsYamlDsl() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Block b : allBlocks()) {
            if (!b.lang().equals("yaml") || exemption(b) != null) {
                continue;
            }
            String yaml = b.text();
            if (!yaml.stripLeading().startsWith("- route") && !yaml.stripLeading().startsWith("- from")) {
                // a list of steps: put them in a route
                yaml = "- route:\n    from:\n      uri: direct:snippet\n      steps:\n"
                        + yaml.lines().map(l -> "        " + l).collect(Collectors.joining("\n")) + "\n";
            }
            try (DefaultCamelContext context = new DefaultCamelContext()) {
                Resource resource = ResourceHelper.fromString("snippet-" + b.line() + ".yaml", yaml);
                PluginHelper.getRoutesLoader(context).loadRoutes(resource);
                if (context.getRouteDefinitions().isEmpty()) {
                    problems.add(b.where() + ": no route loaded");
                }
            } catch (Exception e) {
                problems.add(b.where() + ": " + e);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void xmlDependenciesMatchThePoms() throws IOException {
        String root = Files.readString(docsDir().resolveSibling("pom.xml"));
        Map<String, String> versions = Map.of(
                "io.github.camelparallel", projectVersion(root),
                "org.apache.camel", property(root, "camel.version"),
                "org.slf4j", property(root, "slf4j.version"),
                "com.hazelcast", property(root, "hazelcast.version"));
        Pattern dep = Pattern.compile("<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*"
                + "<version>([^<]+)</version>");
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Block b : allBlocks()) {
            if (!b.lang().equals("xml") || exemption(b) != null) {
                continue;
            }
            Matcher m = dep.matcher(b.text());
            while (m.find()) {
                checked++;
                String expected = versions.get(m.group(1));
                if (expected == null) {
                    problems.add(b.where() + ": no known version for " + m.group(1));
                } else if (!expected.equals(m.group(3))) {
                    problems.add(b.where() + ": " + m.group(1) + ":" + m.group(2) + " is " + m.group(3)
                            + " in the doc, " + expected + " in the poms");
                }
            }
        }
        assertTrue(checked > 0);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    static String projectVersion(String pom) {
        Matcher m = Pattern.compile("<artifactId>camel-parallel-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(pom);
        assertTrue(m.find(), "no project version in the root pom");
        return m.group(1);
    }

    static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertTrue(m.find(), "no property " + name + " in the root pom");
        return m.group(1);
    }

    @Test
    void propertiesBlocksNameRealComponentOptions() throws IOException {
        JsonNode options;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/io/github/camelparallel/parallel.json")) {
            options = new ObjectMapper().readTree(in).get("componentProperties");
        }
        Set<String> known = new HashSet<>();
        options.fieldNames().forEachRemaining(n -> known.add(
                "camel.component.parallel." + n.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT)));
        List<String> problems = new ArrayList<>();
        for (Block b : allBlocks()) {
            if (!b.lang().equals("properties") || exemption(b) != null) {
                continue;
            }
            for (String line : b.text().lines().map(String::trim).collect(Collectors.toList())) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String key = line.split("[=:]", 2)[0].trim();
                if (key.startsWith("camel.component.parallel.") && !known.contains(key)) {
                    problems.add(b.where() + ": " + key + " is not a component option");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void jsonBlocksParse() throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (Block b : allBlocks()) {
            if (b.lang().equals("json") && exemption(b) == null) {
                for (String line : b.text().lines().filter(l -> !l.isBlank()).collect(Collectors.toList())) {
                    try {
                        json.readTree(line);
                    } catch (IOException e) {
                        throw new AssertionError(b.where() + ": not a JSON line: " + line, e);
                    }
                }
            }
        }
    }

    /** Shell blocks: every ./mvnw line names modules that exist and profiles or properties their poms define. */
    @Test
    void shellBlocksMatchTheBuild() throws IOException {
        Path repo = docsDir().getParent();
        List<String> problems = new ArrayList<>();
        for (Block b : allBlocks()) {
            if (!b.lang().equals("sh") || exemption(b) != null) {
                continue;
            }
            for (String line : b.text().lines().map(l -> l.replaceAll("#.*", "").trim()).collect(Collectors.toList())) {
                if (line.isEmpty()) {
                    continue;
                }
                if (!line.startsWith("./mvnw ")) {
                    problems.add(b.where() + ": not a ./mvnw command, so not checked: " + line);
                    continue;
                }
                Matcher pl = Pattern.compile("-pl (\\S+)").matcher(line);
                String pom = Files.readString(repo.resolve("pom.xml"));
                if (pl.find()) {
                    Path module = repo.resolve(pl.group(1)).resolve("pom.xml");
                    if (!Files.isRegularFile(module)) {
                        problems.add(b.where() + ": no module " + pl.group(1));
                        continue;
                    }
                    pom = Files.readString(module);
                }
                Matcher profile = Pattern.compile(" -P(\\w+)").matcher(line);
                while (profile.find()) {
                    if (!pom.contains("<id>" + profile.group(1) + "</id>")) {
                        problems.add(b.where() + ": no profile " + profile.group(1));
                    }
                }
                Matcher activation = Pattern.compile(" -D([\\w.-]+\\.run)\\b").matcher(line);
                while (activation.find()) {
                    if (!pom.contains("<name>" + activation.group(1) + "</name>")) {
                        problems.add(b.where() + ": no profile activated by " + activation.group(1));
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** Python blocks are Python: parsed by python3 when it is on the PATH (skipped, with the reason, otherwise). */
    @Test
    void pythonBlocksParse() throws Exception {
        Process probe;
        try {
            probe = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("python3 is not on the PATH: " + e.getMessage());
            return;
        }
        probe.getInputStream().readAllBytes();
        probe.waitFor();
        List<String> problems = new ArrayList<>();
        for (Block b : allBlocks()) {
            if (!b.lang().equals("python") || exemption(b) != null) {
                continue;
            }
            Process p = new ProcessBuilder("python3", "-c", "import ast,sys; ast.parse(sys.stdin.read())")
                    .redirectErrorStream(true).start();
            p.getOutputStream().write(b.text().getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                problems.add(b.where() + ": " + out);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    // ---------------------------------------------------------------- links and wording

    /** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
    static String anchor(String heading) {
        return heading.trim().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    static Set<String> anchors(Path file) throws IOException {
        Set<String> anchors = new HashSet<>();
        boolean inCode = false;
        for (String line : Files.readAllLines(file)) {
            if (line.trim().startsWith("```")) {
                inCode = !inCode;
            } else if (!inCode && line.startsWith("#")) {
                anchors.add(anchor(line.replaceFirst("^#+", "")));
            } else if (!inCode) {
                // an explicit anchor (the benchmark report's stable ids, whose headings carry the run's sizes)
                Matcher id = EXPLICIT_ANCHOR.matcher(line);
                while (id.find()) {
                    anchors.add(id.group(1));
                }
            }
        }
        return anchors;
    }

    @Test
    void relativeLinksPointToFilesAndHeadingsThatExist() throws IOException {
        List<Path> pages = new ArrayList<>(guides());
        try (Stream<Path> contributing = Files.list(docsDir().resolve("contributing"))) {
            contributing.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        List<String> problems = new ArrayList<>();
        for (Path page : pages) {
            Matcher m = LINK.matcher(Files.readString(page));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue; // http(s), mailto
                }
                String[] parts = target.split("#", 2);
                Path file = parts[0].isEmpty() ? page : page.getParent().resolve(parts[0]).normalize();
                if (!Files.exists(file)) {
                    problems.add(page.getFileName() + ": link to a missing file: " + target);
                } else if (parts.length == 2 && file.toString().endsWith(".md") && !anchors(file).contains(parts[1])) {
                    problems.add(page.getFileName() + ": link to a missing heading: " + target);
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void noIssueNumbersDatedRoundsOrMachinePaths() throws IOException {
        Pattern bad = Pattern.compile("(?i)\\bissue \\d+|\\bround of work|/work/|/root/|/usr/lib/jvm/|/home/\\w+|\\b20\\d\\d-\\d\\d-\\d\\d");
        List<Path> pages = new ArrayList<>(guides());
        try (Stream<Path> more = Stream.concat(Files.list(docsDir().resolve("contributing")),
                Files.list(docsDir().getParent().resolve("examples")).map(d -> d.resolve("README.md")))) {
            more.filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p)).forEach(pages::add);
        }
        List<String> problems = new ArrayList<>();
        for (Path page : pages) {
            String name = page.getFileName().toString();
            String text = Files.readString(page);
            int begin = text.indexOf(GENERATED_BEGIN);
            if (begin >= 0) { // the generated results are the harness's: their run date is the figure's source
                text = text.substring(0, begin) + text.substring(text.indexOf(GENERATED_END));
            }
            Matcher m = bad.matcher(text);
            while (m.find()) {
                problems.add(docsDir().getParent().relativize(page) + ": '" + m.group() + "'");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
