package io.github.camelparallel.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** JMH state shared by the scenarios: a hand-chunked fixed thread pool, the peer every scenario compares with. */
@State(Scope.Benchmark)
public class HandChunkedState {

    @Param("2")
    public int executorThreads;

    HandChunked pool;

    @Setup(Level.Trial)
    public void setUp() {
        pool = new HandChunked(executorThreads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
    }
}
