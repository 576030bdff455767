package io.github.camelparallel.packaging.app;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * What {@code camel run route.camel.yaml} sets up, for a folder laid out as docs/running.md's Camel CLI section shows:
 * camel-main with the folder's {@code application.properties} and {@code route.camel.yaml}, and the task's jar (a
 * dependency of the application) in a class loader below this one; it stops after one message. Arguments: the
 * folder, then the task's jar.
 */
public final class CliMain {

    private CliMain() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]).toAbsolutePath();
        ClassLoader tasks = new URLClassLoader("task-jar", new URL[] { Path.of(args[1]).toUri().toURL() },
                CliMain.class.getClassLoader());
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:" + folder.resolve("application.properties"));
        main.configure().withRoutesIncludePattern("file:" + folder.resolve("route.camel.yaml"));
        main.configure().withDurationMaxMessages(1);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport support) {
                support.getCamelContext().setApplicationContextClassLoader(tasks);
            }
        });
        main.run();
    }
}
