package io.github.camelparallel.reliability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeoutException;

import io.github.camelparallel.ParallelConstants;
import io.github.camelparallel.backend.remote.RemoteTaskException;
import io.github.camelparallel.backend.process.WorkerCrashedException;
import io.github.camelparallel.process.Behaviour;
import org.apache.camel.Exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * One random batch of the fault suites and the check that every item of it got exactly one outcome. The items are
 * {@link Behaviour} strings, so a pool thread, a worker JVM and a Hazelcast member run the same thing: {@code "i"} or
 * {@code "sleep:MS:i"} must give {@code "i!"} at index i (a unique value per index, so a duplicate or a result one
 * place off is seen), {@code "throw:i"} must fail with its {@code IllegalStateException}, and {@code "sleep:LONG:i"}
 * (slower than the pool's {@code taskTimeout}) must fail with a {@link TimeoutException}. With
 * {@code onError=collect}, {@link #check} demands, index by index: a result or an error, never both, never neither;
 * results in input order; the failed count equal to the errors. Two documented allowances, each still an error by
 * index: where worker processes are killed on purpose, an item may fail with {@link WorkerCrashedException} (it was
 * under two killed workers in a row); where {@code taskTimeout} bounds a whole chunk (Hazelcast:
 * {@code taskTimeout x items} from the submit, failover included), any item may fail with its chunk's
 * {@link TimeoutException}. Immutable.
 */
final class ChaosBatch {

    /** What an item was told to do. */
    enum Kind { OK, THROW, SLOW }

    final List<String> items;
    final List<Kind> kinds;

    private ChaosBatch(List<String> items, List<Kind> kinds) {
        this.items = Collections.unmodifiableList(items);
        this.kinds = Collections.unmodifiableList(kinds);
    }

    /**
     * A batch of {@code size} items: about {@code throwPercent}% throw, {@code slowPercent}% sleep {@code slowMillis}
     * (meant to be over the pool's taskTimeout), the rest return after 0 to {@code maxOkMillis} ms.
     */
    static ChaosBatch random(Random random, int size, int throwPercent, int slowPercent, long slowMillis,
            int maxOkMillis) {
        List<String> items = new ArrayList<>(size);
        List<Kind> kinds = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int dice = random.nextInt(100);
            if (dice < throwPercent) {
                items.add("throw:" + i);
                kinds.add(Kind.THROW);
            } else if (dice < throwPercent + slowPercent) {
                items.add("sleep:" + slowMillis + ":" + i);
                kinds.add(Kind.SLOW);
            } else {
                int millis = maxOkMillis > 0 ? random.nextInt(maxOkMillis + 1) : 0;
                items.add(millis == 0 ? Integer.toString(i) : "sleep:" + millis + ":" + i);
                kinds.add(Kind.OK);
            }
        }
        return new ChaosBatch(items, kinds);
    }

    int size() {
        return items.size();
    }

    /** The outcomes counted by {@link #check}. */
    record Outcomes(int results, int thrown, int timedOut, int crashed, int chunkTimedOut) {
        int errors() {
            return thrown + timedOut + crashed + chunkTimedOut;
        }
    }

    /** Which errors besides its own an item may end with (see the class comment). */
    record Allowances(boolean crashes, boolean chunkTimeouts) {
        static final Allowances NONE = new Allowances(false, false);
    }

    /**
     * Checks a batch sent with {@code onError=collect}: exactly one outcome per item, in input order.
     *
     * @param allowed the errors an item may end with besides its own
     */
    Outcomes check(Exchange out, Allowances allowed) {
        if (out.getException() != null) {
            throw new AssertionError("onError=collect must not fail the exchange", out.getException());
        }
        List<?> results = out.getMessage().getBody(List.class);
        assertNotNull(results, "the body is the list of results");
        assertEquals(size(), results.size(), "one slot per item");
        Map<?, ?> errors = out.getMessage().getHeader(ParallelConstants.ERRORS, Map.class);
        if (errors == null) {
            errors = Map.of();
        }
        for (Object index : errors.keySet()) {
            int i = (Integer) index;
            if (i < 0 || i >= size()) {
                throw new AssertionError("an error for index " + i + ", outside the batch of " + size());
            }
        }
        int ok = 0;
        int thrown = 0;
        int timedOut = 0;
        int crashed = 0;
        int chunkTimedOut = 0;
        for (int i = 0; i < size(); i++) {
            Throwable error = (Throwable) errors.get(i);
            Object result = results.get(i);
            String where = "index " + i + " (" + items.get(i) + ")";
            if (error == null) {
                assertEquals(i + "!", result, where + ": no error, so its own result in its own place");
                if (kinds.get(i) != Kind.OK) {
                    throw new AssertionError(where + " should have failed but gave " + result);
                }
                ok++;
                continue;
            }
            assertNull(result, where + " has an error and a result: two outcomes");
            if (allowed.crashes() && error instanceof WorkerCrashedException) {
                crashed++;
                continue;
            }
            if (allowed.chunkTimeouts() && kinds.get(i) != Kind.SLOW && error instanceof TimeoutException) {
                chunkTimedOut++;
                continue;
            }
            switch (kinds.get(i)) {
                case THROW -> {
                    assertThrownBy(error, "throw:" + i, where);
                    thrown++;
                }
                case SLOW -> {
                    if (!(error instanceof TimeoutException)) {
                        throw new AssertionError(where + " should have timed out, failed with " + error, error);
                    }
                    timedOut++;
                }
                default -> throw new AssertionError(where + " should have succeeded, failed with " + error, error);
            }
        }
        assertEquals(errors.size(), out.getMessage().getHeader(ParallelConstants.FAILED_COUNT, Integer.class),
                "CamelParallelFailedCount counts the errors");
        return new Outcomes(ok, thrown, timedOut, crashed, chunkTimedOut);
    }

    /** The task's own IllegalStateException, thrown here or in a worker process or on a member. */
    private static void assertThrownBy(Throwable error, String item, String where) {
        String message = item.substring("throw:".length());
        boolean matches = error instanceof RemoteTaskException remote
                ? remote.getRemoteType().equals(IllegalStateException.class.getName())
                        && remote.getMessage().endsWith(": " + message)
                : error instanceof IllegalStateException && message.equals(error.getMessage());
        if (!matches) {
            throw new AssertionError(where + " should have failed with its own exception, failed with " + error, error);
        }
    }
}
