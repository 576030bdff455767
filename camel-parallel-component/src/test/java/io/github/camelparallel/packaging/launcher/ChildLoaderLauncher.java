package io.github.camelparallel.packaging.launcher;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What the Camel CLI does with {@code --dep} jars, alone on a child JVM's {@code java.class.path}: loads the
 * application (the component, Camel, Jackson, the routes' classes) in a child {@link URLClassLoader} and runs its main
 * class there. Arguments: the child loader's classpath, the main class, then the main class's arguments.
 */
public final class ChildLoaderLauncher {

    private ChildLoaderLauncher() {
    }

    public static void main(String[] args) throws Exception {
        String[] entries = args[0].split(File.pathSeparator);
        URL[] urls = new URL[entries.length];
        for (int i = 0; i < entries.length; i++) {
            urls[i] = Path.of(entries[i]).toUri().toURL();
        }
        URLClassLoader deps = new URLClassLoader("cli-dependencies", urls, ClassLoader.getSystemClassLoader());
        Thread.currentThread().setContextClassLoader(deps);
        Method main = deps.loadClass(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
