package io.github.camelparallel.backend.process;

import java.util.ArrayList;
import java.util.List;

/**
 * What becomes of a job whose worker was lost under it (it died, hung past {@code taskTimeout}, or answered with a
 * line over {@code maxMessageSize}): a pure decision on the job alone, so that one bad item cannot take its
 * neighbours down and a good item is never charged for a neighbour's fault.
 * <ul>
 * <li>A job of several items is split into one-item jobs, re-run at the front of the queue at no cost to their
 * attempts ({@link Decision.RerunAlone}).</li>
 * <li>An item running alone fails ({@link Decision.FailItem}) when it hung its worker (a hang fails the attempt, so
 * {@code maxRetries} decides whether it runs again), or when it crashed {@value #ISOLATED_CRASHES} workers in a row:
 * one crash alone may be a kill from outside, two in a row are the item's own doing. After its first crash alone it
 * re-runs alone once more, its crash counted.</li>
 * </ul>
 * Stateless.
 */
final class IsolationPolicy {

    /** Crashes in a row of an item running alone that make it fail. */
    static final int ISOLATED_CRASHES = 2;

    /** The decision on a job that lost its worker. */
    sealed interface Decision permits Decision.RerunAlone, Decision.FailItem {

        /** Re-run these one-item jobs, in this order, before any other queued job. */
        record RerunAlone(List<Job> jobs) implements Decision {
        }

        /** The job's only item fails this attempt. */
        record FailItem() implements Decision {
        }
    }

    private IsolationPolicy() {
    }

    /**
     * @param job  the job whose worker was lost
     * @param hung true when the worker hung (or gave an oversized answer), false when it died
     */
    static Decision decide(Job job, boolean hung) {
        boolean alone = job.isolated() || job.size() == 1;
        if (alone && (hung || job.crashes() + 1 >= ISOLATED_CRASHES)) {
            return new Decision.FailItem();
        }
        int crashes = alone ? job.crashes() + 1 : 0;
        List<Job> jobs = new ArrayList<>(job.size());
        for (int i = 0; i < job.size(); i++) {
            jobs.add(job.isolate(i, crashes));
        }
        return new Decision.RerunAlone(List.copyOf(jobs));
    }
}
