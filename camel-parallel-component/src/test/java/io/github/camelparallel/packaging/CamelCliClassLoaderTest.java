package io.github.camelparallel.packaging;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.github.camelparallel.packaging.app.PackagedApp;
import io.github.camelparallel.packaging.launcher.ChildLoaderLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        Path launcherDir = dir.resolve("launcher");
        String launcherClass = ChildLoaderLauncher.class.getName().replace('.', '/') + ".class";
        Path classFile = Path.of(ChildLoaderLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(launcherClass);
        Files.createDirectories(launcherDir.resolve(launcherClass).getParent());
        Files.copy(classFile, launcherDir.resolve(launcherClass));

        List<String> dependencies = new ArrayList<>();
        dependencies.add(Packaging.componentJar(dir).toString());
        Packaging.runtimeJars().forEach(jar -> dependencies.add(jar.toString()));
        dependencies.add(Packaging.packageJar(PackagedApp.class, dir.resolve("app.jar"), null).toString());
        Path sources = JavaSources.compile("cli.tasks.Shout", JavaSources.SHOUT, dir.resolve("shout"));

        String output = Packaging.run(List.of(Packaging.java(), "-cp", launcherDir.toString(),
                ChildLoaderLauncher.class.getName(), String.join(File.pathSeparator, dependencies),
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
}
