package io.github.camelparallel.packaging;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.camelparallel.packaging.app.CliMain;
import io.github.camelparallel.packaging.app.PackagedApp;
import io.github.camelparallel.packaging.launcher.ChildLoaderLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Camel CLI's class-loader situation ({@code camel run route.camel.yaml Task.java --dep=...}): a child JVM whose
 * {@code java.class.path} is a launcher only; the component, Camel, Jackson and the application's compiled task
 * classes are loaded by a child URLClassLoader, and a task compiled from a {@code .java} source at test time by a
 * class loader below it. Its {@code backend=process} routes start JVM workers with no extra option and return the
 * declared types.
 */
class CamelCliClassLoaderTest {

    @TempDir
    Path dir;

    @Test
    void processWorkersFindTheComponentAndTheTasksOfChildClassLoaders() throws Exception {
        Path sources = JavaSources.compile("cli.tasks.Shout", JavaSources.SHOUT, dir.resolve("shout"));

        String output = Packaging.run(List.of(Packaging.java(), "-cp", launcherDir().toString(),
                ChildLoaderLauncher.class.getName(), String.join(File.pathSeparator, dependencies()),
                PackagedApp.class.getName(), dir.resolve("cds").toString(), sources.toString(), "cli.tasks.Shout"),
                dir);

        assertTrue(output.contains("SQUARES [1, 4, 9] java.lang.Long"), output);
        assertTrue(output.contains("PRICES [Tag[item=1, price=0.10], Tag[item=3, price=0.30]] "
                + "io.github.camelparallel.packaging.app.PriceTag$Tag"), output);
        assertTrue(output.contains("SOURCE [A!, B!]"), output);
        assertTrue(output.contains(dir.resolve("camel-parallel.jar").toString()), "the component's jar is on the"
                + " workers' classpath: " + output);
        assertFalse(output.contains("ClassNotFoundException"), output);
    }

    /** A folder holding the launcher class only: the child JVM's whole java.class.path. */
    private Path launcherDir() throws Exception {
        Path launcherDir = dir.resolve("launcher");
        String launcherClass = ChildLoaderLauncher.class.getName().replace('.', '/') + ".class";
        Path classFile = Path.of(ChildLoaderLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(launcherClass);
        Files.createDirectories(launcherDir.resolve(launcherClass).getParent());
        Files.copy(classFile, launcherDir.resolve(launcherClass));
        return launcherDir;
    }

    /** What {@code --dep} brings: the component, Camel, Jackson, and the application's compiled classes. */
    private List<String> dependencies() throws Exception {
        List<String> dependencies = new ArrayList<>();
        dependencies.add(Packaging.componentJar(dir).toString());
        Packaging.runtimeJars().forEach(jar -> dependencies.add(jar.toString()));
        dependencies.add(Packaging.packageJar(PackagedApp.class, dir.resolve("app.jar"), null).toString());
        return dependencies;
    }

    /**
     * docs/running.md's Camel CLI section as written: its application.properties, its task's jar (compiled from
     * source at test time), its Python worker and its YAML route, run by camel-main in a
     * child class loader as the CLI runs them; the output the section shows is what it prints.
     */
    @Test
    void theCamelCliSectionOfTheDocsRunsAsWritten() throws Exception {
        assumeTrue(python3(), "python3 is not on the PATH: the section's Python worker cannot run here");
        Map<String, String> blocks = cliSectionBlocks();
        Files.writeString(dir.resolve("application.properties"), blocks.get("properties"));
        Files.writeString(dir.resolve("route.camel.yaml"), blocks.get("yaml"));
        Files.writeString(dir.resolve("shout.py"), blocks.get("python")); // python=shout:shout finds it in the folder
        // the task the section describes (upper-cases, adds "!"), compiled from source into the user's jar
        Path classes = JavaSources.compile("com.acme.Shout", JavaSources.SHOUT.replace("package cli.tasks;",
                "package com.acme;"), dir.resolve("shout"));
        Path shoutJar = Packaging.pack(classes, "", dir.resolve("shout.jar"), null); // com.acme:shout

        String output = Packaging.run(List.of(Packaging.java(), "-cp", launcherDir().toString(),
                ChildLoaderLauncher.class.getName(), String.join(File.pathSeparator, dependencies()),
                CliMain.class.getName(), dir.toString(), shoutJar.toString()), dir);

        assertTrue(output.contains("thread: [A!, B!, C!]"), output);
        assertTrue(output.contains("process: [A!!, B!!, C!!]"), output);
        assertTrue(output.contains("python: [A!!!, B!!!, C!!!]"), output);
        assertTrue(output.contains("[threads] pool started: backend=thread, poolSize=2"), "pool-size from the"
                + " properties: " + output);
        for (String line : blocks.get("text").lines().toList()) {
            if (!line.contains("<")) { // a line with a placeholder is shortened for reading
                assertTrue(output.contains(line), "the section's output shows a line the run did not print: " + line);
            }
        }
    }

    /** The fenced blocks of the Camel CLI section of docs/running.md, by language. */
    private static Map<String, String> cliSectionBlocks() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "running.md"));
        int start = page.indexOf("\n## Camel CLI\n");
        String section = page.substring(start, page.indexOf("\n## ", start + 1));
        Map<String, String> blocks = new HashMap<>();
        Matcher block = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (block.find()) {
            blocks.put(block.group(1), block.group(2));
        }
        assertEquals(Set.of("properties", "python", "yaml", "text"), blocks.keySet());
        return blocks;
    }

    private static boolean python3() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
