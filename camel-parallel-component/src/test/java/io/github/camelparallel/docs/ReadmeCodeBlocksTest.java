package io.github.camelparallel.docs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import com.example.Scorer;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.component.direct.DirectEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RoutesDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.xml.in.ModelParser;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every code block of {@code README.md} and of the component page ({@code parallel-component.adoc}) is run or
 * checked, so none of them can rot: a Java program (a block with {@code main}) is compiled and run and must print
 * what its {@code // prints} comment says; a Java fragment is compiled as the body of a {@code RouteBuilder}'s
 * {@code configure()}; YAML and XML routes are loaded; every route block is then started in a real CamelContext
 * (which resolves every endpoint and task) and each of its {@code direct:} routes is sent the batch 1, 2, 3, which
 * must come back as three results, the cubes when the route is {@code direct:cubes}. A Maven {@code <dependency>}
 * must name this build's coordinates, a {@code properties} block only component options, and a shell block only
 * {@code ./mvnw} commands whose modules, profiles and properties exist in the poms.
 */
class ReadmeCodeBlocksTest {

    private static final Pattern PRINTS = Pattern.compile("//\\s*prints\\s+(.+)$", Pattern.MULTILINE);
    /** Maven and plugin properties a documented command may set without a pom naming them. */
    private static final Set<String> STANDARD_PROPERTIES = Set.of("skipTests", "test", "gpg.skip",
            "surefire.failIfNoSpecifiedTests", "parallel.docs.update");
    /** Documented shell lines that are not Maven commands: none yet. */
    private static final Set<String> SHELL_EXEMPTIONS = Set.of();

    @TempDir
    Path classes;

    @TestFactory
    Stream<DynamicTest> readmeBlocks() {
        return tests(CodeBlocks.repositoryRoot().resolve("README.md"));
    }

    @TestFactory
    Stream<DynamicTest> componentPageBlocks() {
        return tests(ComponentPageTables.PAGE.toAbsolutePath());
    }

    private Stream<DynamicTest> tests(Path file) {
        List<CodeBlocks.Block> blocks = CodeBlocks.of(file);
        assertFalse(blocks.isEmpty(), "no code blocks in " + file);
        return blocks.stream().map(block -> DynamicTest.dynamicTest(block.where(), () -> check(block)));
    }

    private void check(CodeBlocks.Block block) throws Exception {
        switch (block.language()) {
            case "java" -> {
                if (block.code().contains("static void main(")) {
                    runProgram(block);
                } else {
                    runRoutes(block, compileRouteBuilder(block));
                }
            }
            case "yaml" -> runRoutes(block, context -> PluginHelper.getRoutesLoader(context)
                    .loadRoutes(ResourceHelper.fromString("block-" + block.line() + ".camel.yaml", block.code())));
            case "xml" -> {
                if (block.code().strip().startsWith("<dependency>")) {
                    checkDependency(block);
                } else {
                    runRoutes(block, context -> addXmlRoutes(context, block.code()));
                }
            }
            case "properties" -> checkProperties(block);
            case "sh" -> checkShell(block);
            default -> fail(block.where() + ": no check for this language; add one to " + getClass().getSimpleName());
        }
    }

    // ---- Java

    private void runProgram(CodeBlocks.Block block) throws Exception {
        Matcher expected = PRINTS.matcher(block.code());
        assertTrue(expected.find(), block.where() + ": a program block says what it prints (// prints ...)");
        Class<?> program = compile(block, className(block.code()), block.code());
        Method main = program.getMethod("main", String[].class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.lines().anyMatch(l -> l.strip().equals(expected.group(1).strip())),
                block.where() + ": expected it to print " + expected.group(1) + " but it printed: " + printed);
    }

    private RouteSource compileRouteBuilder(CodeBlocks.Block block) throws Exception {
        String name = "DocBlock" + block.line();
        String source = "import org.apache.camel.builder.RouteBuilder;\n"
                + "public class " + name + " extends RouteBuilder {\n"
                + "    @Override public void configure() throws Exception {\n" + block.code() + "    }\n}\n";
        Class<?> type = compile(block, name, source);
        return context -> context.addRoutes((RoutesBuilder) type.getDeclaredConstructor().newInstance());
    }

    private Class<?> compile(CodeBlocks.Block block, String className, String source) throws Exception {
        Path dir = Files.createDirectories(classes.resolve(className));
        Path file = dir.resolve(className + ".java");
        Files.writeString(file, source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, "-classpath", classpath(), "-d", dir.toString(), "-proc:none",
                file.toString());
        assertEquals(0, rc, () -> block.where() + " does not compile:\n" + errors.toString(StandardCharsets.UTF_8));
        URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
        return loader.loadClass(className);
    }

    private static String className(String code) {
        Matcher m = Pattern.compile("public\\s+class\\s+(\\w+)").matcher(code);
        assertTrue(m.find(), "a Java program block declares a public class");
        return m.group(1);
    }

    private static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    // ---- routes

    @FunctionalInterface
    private interface RouteSource {
        void addTo(CamelContext context) throws Exception;
    }

    private static void addXmlRoutes(CamelContext context, String xml) throws Exception {
        String document = xml.strip().startsWith("<routes") ? xml : "<routes>\n" + xml + "</routes>\n";
        RoutesDefinition routes = new ModelParser(new StringReader(document)).parseRoutesDefinition()
                .orElseThrow(() -> new AssertionError("not Camel XML routes:\n" + xml));
        assertFalse(routes.getRoutes().isEmpty(), "no route in:\n" + xml);
        ((ModelCamelContext) context).addRouteDefinitions(routes.getRoutes());
    }

    private static void runRoutes(CodeBlocks.Block block, RouteSource source) throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("scorer", new Scorer());
            source.addTo(context);
            context.start();
            List<String> inputs = context.getEndpoints().stream().filter(DirectEndpoint.class::isInstance)
                    .filter(e -> context.getRoutes().stream().anyMatch(r -> r.getEndpoint() == e))
                    .map(e -> e.getEndpointUri()).toList();
            assertFalse(inputs.isEmpty(), block.where() + ": no direct: route to send a batch to");
            ProducerTemplate template = context.createProducerTemplate();
            for (String uri : inputs) {
                Exchange out = template.request(uri, e -> e.getMessage().setBody(List.of(1, 2, 3)));
                assertNull(out.getException(), () -> block.where() + ": " + uri + " failed: " + out.getException());
                List<?> results = assertInstanceOf(List.class, out.getMessage().getBody(), block.where() + " " + uri);
                assertEquals(3, results.size(), block.where() + " " + uri);
                if (uri.startsWith("direct://cubes")) {
                    assertEquals(List.of(1L, 8L, 27L), results, block.where());
                }
            }
        }
    }

    // ---- dependency, properties, shell

    private static void checkDependency(CodeBlocks.Block block) throws Exception {
        String pom = Files.readString(CodeBlocks.repositoryRoot().resolve("camel-parallel-component/pom.xml"));
        String version = tag(Files.readString(CodeBlocks.repositoryRoot().resolve("pom.xml")), "version");
        String code = block.code().replace("{groupid}", "io.github.camelparallel")
                .replace("{artifactid}", "camel-parallel").replace("{version}", version);
        assertEquals("io.github.camelparallel", tag(code, "groupId"), block.where());
        assertEquals(tag(pom.substring(pom.indexOf("</parent>")), "artifactId"), tag(code, "artifactId"),
                block.where());
        assertEquals(version, tag(code, "version"), block.where() + ": the version of this build");
    }

    private static void checkProperties(CodeBlocks.Block block) {
        JsonNode options = ComponentPageTables.metadata().get("componentProperties");
        List<String> known = new ArrayList<>();
        options.fieldNames().forEachRemaining(n -> known.add(
                "camel.component.parallel." + n.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT)));
        block.code().lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(line -> {
            String key = line.substring(0, line.indexOf('=')).strip();
            assertTrue(known.contains(key), block.where() + ": " + key + " is not a component option");
        });
    }

    private static void checkShell(CodeBlocks.Block block) throws Exception {
        Path root = CodeBlocks.repositoryRoot();
        StringBuilder poms = new StringBuilder();
        try (Stream<Path> files = Files.walk(root, 3)) {
            for (Path pom : files.filter(p -> p.getFileName().toString().equals("pom.xml")).toList()) {
                poms.append(Files.readString(pom));
            }
        }
        for (String line : block.code().lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            if (SHELL_EXEMPTIONS.contains(line)) {
                continue;
            }
            assertTrue(line.startsWith("./mvnw "), block.where() + ": not a ./mvnw command: " + line);
            String[] words = line.split("\\s+");
            for (int i = 1; i < words.length; i++) {
                String word = words[i];
                if (word.equals("-pl")) {
                    for (String module : words[++i].split(",")) {
                        assertTrue(Files.isRegularFile(root.resolve(module).resolve("pom.xml")),
                                block.where() + ": no module " + module);
                    }
                } else if (word.startsWith("-P")) {
                    for (String profile : word.substring(2).split(",")) {
                        assertTrue(poms.indexOf("<id>" + profile + "</id>") >= 0,
                                block.where() + ": no profile " + profile);
                    }
                } else if (word.startsWith("-D")) {
                    String name = word.substring(2).split("=", 2)[0];
                    assertTrue(STANDARD_PROPERTIES.contains(name) || poms.indexOf(name) >= 0,
                            block.where() + ": no pom uses the property " + name);
                }
            }
        }
    }

    private static String tag(String xml, String tag) {
        int start = xml.indexOf("<" + tag + ">");
        assertTrue(start >= 0, "no <" + tag + "> in " + xml);
        return xml.substring(start + tag.length() + 2, xml.indexOf("</" + tag + ">", start)).strip();
    }
}
