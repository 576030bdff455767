package io.github.camelparallel.python;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A python= test's fixture: a temporary pythonPath folder, and its routes stopped (workers checked gone) after. */
abstract class PythonRouteTestBase {

    @TempDir
    Path folder;
    PythonRoutes routes;

    @AfterEach
    void stopRoutes() throws Exception {
        if (routes != null) {
            routes.close();
        }
    }

    /** New routes over the folder, with the module {@code name.py} written into it. */
    PythonRoutes routesWith(String name, String... lines) throws Exception {
        routes = new PythonRoutes(folder);
        routes.module(name, lines);
        return routes;
    }
}
