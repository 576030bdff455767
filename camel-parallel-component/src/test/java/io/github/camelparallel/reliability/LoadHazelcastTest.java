package io.github.camelparallel.reliability;

/** The load suite on {@code backend=hazelcast} (an embedded member: this JVM alone). */
class LoadHazelcastTest extends LoadSuite {

    @Override
    protected String backendName() {
        return "hazelcast";
    }

    @Override
    protected String backendOptions() {
        return "backend=hazelcast";
    }
}
