package io.github.camelparallel;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import io.github.camelparallel.spi.ParallelBackendFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.spi.ClassResolver;
import org.apache.camel.spi.FactoryFinder;

/**
 * Finds the factory of a {@code backend=NAME} the Camel way: a {@link ParallelBackendFactory} bean registered under
 * that name, or else the service file {@code META-INF/services/io/github/camelparallel/backend/NAME} through Camel's
 * {@link FactoryFinder} (the built-in backends register that way). No global registry: every lookup asks the
 * context. A runtime whose finder knows only the service files it indexed at build time under Camel's own paths (Camel
 * Quarkus) does not know ours, so a name the finder lacks is read from the service file through the context's class
 * resolver, as Camel's default finder does. An unknown name fails naming the pool and every name found. Thread-safe.
 */
final class BackendFactories {

    static final String PATH = "META-INF/services/io/github/camelparallel/backend/";

    private final CamelContext context;
    private final FactoryFinder finder;

    BackendFactories(CamelContext context) {
        this.context = context;
        this.finder = context.getCamelContextExtension().getFactoryFinder(PATH);
    }

    /** @throws IllegalArgumentException naming the pool and the available names when none serves {@code name} */
    ParallelBackendFactory find(String name, String pool) {
        if (name != null && !name.isBlank()) {
            ParallelBackendFactory bean = context.getRegistry().lookupByNameAndType(name, ParallelBackendFactory.class);
            if (bean != null) {
                return bean;
            }
            if (name.matches("[A-Za-z0-9_.-]+")) {
                ParallelBackendFactory found = finder.newInstance(name, ParallelBackendFactory.class)
                        .orElseGet(() -> fromServiceFile(name));
                if (found != null) {
                    CamelContextAware.trySetCamelContext(found, context); // the finder does not inject it
                    return found;
                }
            }
        }
        throw new IllegalArgumentException("Option backend of parallel:" + pool + " must be one of "
                + String.join(", ", available()) + " but was '" + name + "'");
    }

    /** The factory the service file {@code PATH + name} names in its {@code class} entry, or null without that file. */
    private ParallelBackendFactory fromServiceFile(String name) {
        ClassResolver resolver = context.getClassResolver();
        try (InputStream in = resolver.loadResourceAsStream(PATH + name)) {
            if (in == null) {
                return null;
            }
            Properties entries = new Properties();
            entries.load(in);
            String type = entries.getProperty("class");
            if (type == null || type.isBlank()) {
                throw new IllegalArgumentException(PATH + name + " has no class entry");
            }
            return context.getInjector().newInstance(
                    resolver.resolveMandatoryClass(type.strip(), ParallelBackendFactory.class));
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("Cannot read the backend factory of " + PATH + name + ": " + e, e);
        }
    }

    /** Every backend name found: registry beans and service files, sorted. */
    Set<String> available() {
        Set<String> names = new TreeSet<>(context.getRegistry().findByTypeWithName(ParallelBackendFactory.class).keySet());
        ClassLoader loader = context.getApplicationContextClassLoader() != null
                ? context.getApplicationContextClassLoader() : BackendFactories.class.getClassLoader();
        try {
            Enumeration<URL> dirs = loader.getResources(PATH);
            for (URL dir : Collections.list(dirs)) {
                names.addAll(serviceNames(dir));
            }
        } catch (IOException | URISyntaxException e) {
            names.add("(cannot list " + PATH + ": " + e.getMessage() + ")");
        }
        return names;
    }

    private static Set<String> serviceNames(URL dir) throws IOException, URISyntaxException {
        Set<String> names = new TreeSet<>();
        if ("file".equals(dir.getProtocol())) {
            try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
                files.filter(Files::isRegularFile).forEach(f -> names.add(f.getFileName().toString()));
            }
        } else if ("jar".equals(dir.getProtocol()) && dir.openConnection() instanceof JarURLConnection jar) {
            jar.setUseCaches(false);
            try (JarFile file = jar.getJarFile()) {
                for (JarEntry entry : Collections.list(file.entries())) {
                    String entryName = entry.getName();
                    if (!entry.isDirectory() && entryName.startsWith(PATH) && entryName.indexOf('/', PATH.length()) < 0) {
                        names.add(entryName.substring(PATH.length()));
                    }
                }
            }
        }
        return names;
    }
}
