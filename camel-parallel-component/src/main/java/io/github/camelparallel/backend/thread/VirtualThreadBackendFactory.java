package io.github.camelparallel.backend.thread;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import io.github.camelparallel.spi.ParallelBackend;
import io.github.camelparallel.spi.ParallelBackendFactory;
import io.github.camelparallel.spi.PoolSpec;

/**
 * {@code backend=virtual}: one virtual thread per chunk, at most {@code poolSize} at once, on JDK 21 or newer.
 * <p>
 * The project compiles for Java 17, so the JDK 21 API is reached through method handles, and on an older JVM
 * {@link #create} fails (at route start) with a message saying so. Camel's {@code ExecutorServiceManager} can
 * only switch every pool of a context to virtual threads at once ({@code camel.threads.virtual.enabled}); a
 * per-pool choice needs its own thread-per-task executor, which this factory creates and the backend shuts down.
 * Registered by its service file ({@code META-INF/services/io/github/camelparallel/backend/virtual}). Stateless and
 * thread-safe.
 */
public final class VirtualThreadBackendFactory implements ParallelBackendFactory {

    @Override
    public ParallelBackend create(PoolSpec spec) {
        int feature = Runtime.version().feature();
        if (feature < 21) {
            throw new IllegalStateException("backend=virtual of parallel:" + spec.name()
                    + " needs virtual threads, which need Java 21 or newer; this JVM is Java " + feature + " ("
                    + System.getProperty("java.home") + "). Run on JDK 21+ or use backend=thread.");
        }
        return new ExecutorBackend(spec.name(), spec.poolSize(), () -> {
            ExecutorService perTask = newVirtualThreadPerTaskExecutor("Parallel[" + spec.name() + "]-");
            return new BoundedExecutor(perTask, spec.poolSize());
        }, executor -> ((BoundedExecutor) executor).shutdownDelegate(), spec.scheduler(), true);
    }

    private static ExecutorService newVirtualThreadPerTaskExecutor(String namePrefix) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            Object b = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual)).invoke();
            MethodHandle name = lookup.findVirtual(ofVirtual, "name",
                    MethodType.methodType(ofVirtual, String.class, long.class));
            b = name.invoke(b, namePrefix, 0L);
            ThreadFactory factory = (ThreadFactory) lookup.findVirtual(builder, "factory",
                    MethodType.methodType(ThreadFactory.class)).invoke(b);
            return (ExecutorService) lookup.findStatic(Executors.class, "newThreadPerTaskExecutor",
                    MethodType.methodType(ExecutorService.class, ThreadFactory.class)).invoke(factory);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create virtual threads on Java " + Runtime.version(), e);
        }
    }
}
