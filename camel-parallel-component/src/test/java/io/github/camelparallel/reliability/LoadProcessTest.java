package io.github.camelparallel.reliability;

/**
 * The load suite on {@code backend=process} (two worker JVMs; no nesting: a worker cannot send to this JVM's routes).
 */
class LoadProcessTest extends LoadSuite {

    @Override
    protected String backendName() {
        return "process";
    }

    @Override
    protected String backendOptions() {
        return "backend=process";
    }
}
