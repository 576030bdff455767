package io.github.camelparallel.cache;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default task version follows the task's own code: a change in a helper it calls (in its folder) invalidates it,
 * a change elsewhere does not. The classes are compiled here, in three variants, and loaded from their own folders.
 */
class TaskVersionTest {

    private static final String TASK = """
            package demo;
            public class Task implements java.util.function.Function<Integer, Integer> {
                public Integer apply(Integer n) { return Helper.f(n); }
            }
            """;
    private static final String HELPER = """
            package demo;
            class Helper {
                static int f(int n) { return n + %d; }
            }
            """;
    private static final String UNRELATED = """
            package demo;
            public class Unrelated {
                public static String g() { return "%s"; }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aHelperChangeInvalidatesAndAnUnrelatedChangeDoesNot() throws Exception {
        String v1 = versionOf(compile("v1", 1, "a"));
        assertEquals(v1, versionOf(compile("v1-again", 1, "a")), "the same code gives the same version");
        assertNotEquals(v1, versionOf(compile("v2", 2, "a")), "a change in the helper the task calls");
        assertEquals(v1, versionOf(compile("v3", 1, "b")), "a change in a class the task never references");
        assertTrue(v1.endsWith("-2"), "the task and its helper, not the JDK: " + v1);
    }

    @Test
    void onlyTheTasksOwnPackageFamilyIsWalked() {
        assertEquals("com.acme.", TaskVersion.family("com.acme.nlp.Embed"));
        assertEquals("io.github.someone.", TaskVersion.family("io.github.someone.tasks.Embed"));
        assertEquals("demo.", TaskVersion.family("demo.Task"));
        assertEquals("", TaskVersion.family("Task"));
    }

    @Test
    void aCommandVersionFollowsItsScript() throws Exception {
        Path script = dir.resolve("worker.py");
        Files.writeString(script, "print('v1')\n");
        String v1 = TaskVersion.ofCommand(List.of("python3", "worker.py"), dir);
        assertEquals(v1, TaskVersion.ofCommand(List.of("python3", "worker.py"), dir));
        Files.writeString(script, "print('v2')\n");
        assertNotEquals(v1, TaskVersion.ofCommand(List.of("python3", "worker.py"), dir));
    }

    private Path compile(String variant, int increment, String unrelated) throws Exception {
        Path src = dir.resolve(variant + "-src/demo");
        Files.createDirectories(src);
        Map<String, String> sources = Map.of("Task.java", TASK, "Helper.java", HELPER.formatted(increment),
                "Unrelated.java", UNRELATED.formatted(unrelated));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Files.writeString(src.resolve(source.getKey()), source.getValue());
        }
        Path out = dir.resolve(variant + "-classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-d", out.toString(), src.resolve("Task.java").toString(),
                src.resolve("Helper.java").toString(), src.resolve("Unrelated.java").toString());
        assertEquals(0, status, "javac");
        return out;
    }

    private static String versionOf(Path classes) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() },
                TaskVersionTest.class.getClassLoader())) {
            return TaskVersion.ofClass(loader.loadClass("demo.Task"));
        }
    }
}
