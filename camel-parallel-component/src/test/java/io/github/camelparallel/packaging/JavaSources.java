package io.github.camelparallel.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Compiles a {@code .java} source file at test time, as the Camel CLI compiles a route's Java sources. */
public final class JavaSources {

    /** A task written as a source file: upper-cases a string item and adds "!". */
    public static final String SHOUT = """
            package cli.tasks;

            public class Shout implements java.util.function.Function<String, String> {
                @Override
                public String apply(String item) {
                    return item.toUpperCase() + "!";
                }
            }
            """;

    private JavaSources() {
    }

    /** Writes {@code source} as {@code dir/src/<Name>.java}, compiles it into {@code dir/classes} and returns that. */
    public static Path compile(String className, String source, Path dir) throws IOException {
        Path src = dir.resolve("src").resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
        Path classes = dir.resolve("classes");
        Files.createDirectories(src.getParent());
        Files.createDirectories(classes);
        Files.writeString(src, source);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        int exit = compiler.run(null, null, null, List.of("-d", classes.toString(), src.toString())
                .toArray(String[]::new));
        assertEquals(0, exit, "javac " + src);
        return classes;
    }
}
