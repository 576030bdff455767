package io.github.camelparallel.packaging;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

import io.github.camelparallel.packaging.app.PackagedApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.loader.tools.Library;
import org.springframework.boot.loader.tools.LibraryScope;
import org.springframework.boot.loader.tools.Repackager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Spring Boot executable jar, built here by Spring Boot's own repackager (the component, Camel and Jackson in
 * BOOT-INF/lib, the application in BOOT-INF/classes), run with {@code java -jar}: its {@code backend=process} routes
 * start JVM workers with no extra option (through Spring Boot's PropertiesLauncher) and return the declared types; a
 * second run starts its workers with the class data sharing archive the first one built.
 */
class SpringBootFatJarTest {

    @TempDir
    Path dir;

    @Test
    void processWorkersOfAFatJarRunWithJavaJarReturnTheDeclaredTypes() throws Exception {
        Path app = fatJar();
        List<String> argv = List.of(Packaging.java(), "-jar", app.toString(), dir.resolve("cds").toString());

        String first = Packaging.run(argv, dir);
        assertTrue(first.contains("SQUARES [1, 4, 9] java.lang.Long"), first);
        assertTrue(first.contains("PRICES [Tag[item=1, price=0.10], Tag[item=3, price=0.30]] "
                + "io.github.camelparallel.packaging.app.PriceTag$Tag"), first);
        assertTrue(first.contains("-Dloader.main=io.github.camelparallel.worker.WorkerMain -cp " + app
                + " org.springframework.boot.loader.launch.PropertiesLauncher"), first);
        assertTrue(first.contains("STOPPED"), first);

        // the fat jar is one jar: the first run built a class data sharing archive for it; the second uses it
        String second = Packaging.run(argv, dir);
        assertTrue(second.contains("SQUARES [1, 4, 9] java.lang.Long"), second);
        assertTrue(second.contains("-XX:SharedArchiveFile="), second);
    }

    /** The application packed the way spring-boot-maven-plugin packs it. */
    private Path fatJar() throws Exception {
        Path source = Packaging.packageJar(PackagedApp.class, dir.resolve("app.jar"), PackagedApp.class.getName());
        List<Path> libraries = new java.util.ArrayList<>(Packaging.runtimeJars());
        libraries.add(Packaging.componentJar(dir));
        Repackager repackager = new Repackager(source.toFile());
        repackager.setMainClass(PackagedApp.class.getName());
        repackager.setBackupSource(false);
        repackager.repackage(callback -> {
            for (Path library : libraries) {
                callback.library(new Library(library.toFile(), LibraryScope.RUNTIME));
            }
        });
        try (JarFile jar = new JarFile(source.toFile())) {
            assertNotNull(jar.getEntry("BOOT-INF/lib/camel-parallel.jar"));
            assertNotNull(jar.getEntry("BOOT-INF/classes/io/github/camelparallel/packaging/app/Square.class"));
            assertEquals("org.springframework.boot.loader.launch.JarLauncher",
                    jar.getManifest().getMainAttributes().getValue("Main-Class"));
        }
        return source;
    }
}
