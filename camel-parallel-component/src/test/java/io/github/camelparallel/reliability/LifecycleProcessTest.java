package io.github.camelparallel.reliability;

import io.github.camelparallel.process.Behaviour;

/**
 * The lifecycle suite on worker JVMs: every stop kills or shuts down the workers and every start launches new ones,
 * so the quick variant runs fewer cycles ({@code -Pchaos}: 50). After every cycle at most the pool's two workers
 * live.
 */
class LifecycleProcessTest extends LifecycleSuite {

    @Override
    protected String backendName() {
        return "process";
    }

    @Override
    protected String backendOptions() {
        return "backend=process&task=#class:" + Behaviour.class.getName();
    }

    @Override
    protected int quickCycles() {
        return 2;
    }

    @Override
    protected int maxProcesses() {
        return 2;
    }
}
