package io.github.camelparallel.process;

/** An initializer that fails: the pool must fail to start with this message, not respawn forever. */
public class FailingInitializer implements Runnable {

    @Override
    public void run() {
        throw new IllegalStateException("the model file is missing");
    }
}
