package io.github.camelparallel.backend.process;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The two streaks that break a process pool, and what ends each of them. */
class UselessWorkersTest {

    @Test
    void theLimitIsAtLeastThreeAndAtLeastThePoolSize() {
        assertEquals(3, new UselessWorkers(1).limit());
        assertEquals(3, new UselessWorkers(3).limit());
        assertEquals(8, new UselessWorkers(8).limit());
    }

    @Test
    void aHelloEndsTheStreakOfExitsBeforeHelloOnly() {
        UselessWorkers workers = new UselessWorkers(2);
        workers.exitedBeforeHello();
        workers.brokeTheProtocolBeforeARun();
        workers.saidHello();
        assertEquals(1, workers.exitedBeforeHello());
        assertEquals(2, workers.brokeTheProtocolBeforeARun(), "a worker that breaks the protocol after hello counts on");
    }

    @Test
    void aCompletedRunEndsTheStreakOfProtocolBreaks() {
        UselessWorkers workers = new UselessWorkers(2);
        workers.brokeTheProtocolBeforeARun();
        workers.brokeTheProtocolBeforeARun();
        workers.completedARun();
        assertEquals(1, workers.brokeTheProtocolBeforeARun());
    }
}
