package io.github.camelparallel.benchmarks;

import java.util.Comparator;
import java.util.Locale;

/**
 * The report's streaming-memory section: one row per child JVM ({@link StreamingMemoryBenchmark}), the default-flag
 * rows first, then the fixed-heap ones; ours' heap at its largest batch against its smallest (flat means bounded);
 * ours against Camel's streaming split at each size; and the goals read from the default-flag rows. Not thread-safe:
 * one instance per section.
 */
final class StreamingReport {

    private final StringBuilder out;
    private final Goals goals;
    private final BenchCharts charts;

    StreamingReport(StringBuilder out, Goals goals, BenchCharts charts) {
        this.out = out;
        this.goals = goals;
        this.charts = charts;
    }

    /**
     * The streaming-memory table: every child JVM's peak heap after GC and the other readings, then ours' ratio
     * between its largest and smallest batch (the goal: within 10%) and ours against Camel's split at each size.
     */
    void section(StreamingMemoryBenchmark.Results r) {
        goals.scenario("streaming");
        streamingGoals(r);
        out.append("## Streaming memory: peak heap after GC of a streamed batch, by batch length\n\n");
        out.append("One fresh JVM per row: first on the JVM's default heap and collector (rows marked")
                .append(StreamingMemoryBenchmark.DEFAULT_FLAGS_SUFFIX).append(", the goal's), then on a fixed heap (`")
                .append(String.join(" ", r.childJvmArgs()))
                .append("`): a `DefaultCamelContext`, a lazy `Iterator<Integer>` of 0..N-1 as the body, `cube` on every")
                .append(" item, the results summed into one `long` (checked against the closed form). Peak heap after GC")
                .append(" = the largest heap used right after any GC of the run (`GarbageCollectionNotificationInfo`);")
                .append(" before the run = after `System.gc()` with the context started; final = after one")
                .append(" `System.gc()` once the run is over. Time limit ").append(r.timeoutSeconds())
                .append(" s per JVM.\n\n");
        out.append("| Peer | Items | Outcome | Wall (s) | Peak heap after GC (MB) | Peak after full GCs (MB) | Before the")
                .append(" run (MB) | Final, after System.gc() (MB) | Pools' peak usage (MB) | GCs (full) | Most items read")
                .append(" ahead |\n");
        out.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (StreamingMemoryBenchmark.Measurement m : r.measurements()) {
            out.append("| ").append(StreamingMemoryBenchmark.label(m)).append(" | ")
                    .append(String.format(Locale.ROOT, "%,d", m.n())).append(" | ");
            if (!m.ok()) {
                out.append(m.outcome()).append(": ").append(m.detail().replace("|", "/")).append(" (")
                        .append(String.format(Locale.ROOT, "%,d", m.items())).append(" items consumed) | | ")
                        .append(m.peakAfterGc() < 0 ? "" : mb(m.peakAfterGc()) + " (so far)").append(" | | | | | | |\n");
                continue;
            }
            out.append(m.correct() ? "ok" : "WRONG (" + m.items() + " items, sum " + m.sum() + ")").append(" | ")
                    .append(BenchReport.fmt(m.wallMillis() / 1000)).append(" | ").append(mb(m.peakAfterGc())).append(" | ")
                    .append(m.peakAfterFullGc() < 0 ? "no full GC" : mb(m.peakAfterFullGc())).append(" | ")
                    .append(mb(m.baselineHeap())).append(" | ").append(mb(m.afterFinalGc())).append(" | ")
                    .append(mb(m.poolPeaks())).append(" | ").append(m.gcs()).append(" (").append(m.fullGcs())
                    .append(") | ").append(m.maxReadAhead() < 0 ? "n/a" : String.format(Locale.ROOT, "%,d",
                            m.maxReadAhead())).append(" |\n");
        }
        out.append("\n");
        var ours = r.measurements().stream().filter(m -> m.peer().equals(StreamingMemoryBenchmark.OURS)
                && !m.defaultFlags()).sorted(Comparator.comparingInt(StreamingMemoryBenchmark.Measurement::n)).toList();
        if (ours.size() >= 2) {
            var small = ours.get(0);
            var large = ours.get(ours.size() - 1);
            out.append("**Ours, peak heap after GC at ").append(String.format(Locale.ROOT, "%,d", large.n()))
                    .append(" ÷ at ").append(String.format(Locale.ROOT, "%,d", small.n())).append(" items: ");
            if (small.ok() && large.ok()) {
                double ratio = large.peakAfterGc() / (double) small.peakAfterGc();
                goals.add("Streaming: peak heap after GC at " + String.format(Locale.ROOT, "%,d", large.n())
                        + " items ÷ at " + String.format(Locale.ROOT, "%,d", small.n()), 1.10, false,
                        small.n() >= 1_000_000 ? ratio : Double.NaN, "x", small.n() >= 1_000_000
                                ? mb(large.peakAfterGc()) + " against " + mb(small.peakAfterGc()) + " MB"
                                : "stated for 1,000,000 against 10,000,000 items (quick size too small)");
                out.append(String.format(Locale.ROOT, "%.3f", ratio)).append("**; after full GCs only: ")
                        .append(String.format(Locale.ROOT, "%.3f",
                                large.peakAfterFullGc() / (double) small.peakAfterFullGc()));
                if (small.n() >= 1_000_000) {
                    out.append(" (goal ≤ 1.10: ").append(ratio <= 1.10 ? "met" : "NOT met").append(")");
                } else {
                    out.append(" (the goal, ≤ 1.10, is stated for 1,000,000 against 10,000,000 items:")
                            .append(" `-Dbench.full=true`; in a shorter batch the automatic chunks have not yet grown")
                            .append(" to their cap, so the window holds fewer items)");
                }
            } else {
                out.append("not measured** (").append(small.ok() ? large.outcome() : small.outcome()).append(")");
            }
            out.append(".\n");
        }
        for (StreamingMemoryBenchmark.Measurement m : r.measurements()) {
            if (m.ok()) {
                charts.bar("streaming-memory.png", "Streaming: peak heap after GC, MB (lower is better)", "MB", false,
                        String.format(Locale.ROOT, "%,d items", m.n()), StreamingMemoryBenchmark.label(m),
                        m.peakAfterGc() / (1024.0 * 1024.0));
            }
        }
        for (String backend : StreamingMemoryBenchmark.OUR_BACKENDS) {
            var rows = r.measurements().stream().filter(m -> m.peer().equals(backend))
                    .sorted(Comparator.comparingInt(StreamingMemoryBenchmark.Measurement::n)).toList();
            if (rows.size() < 2) {
                continue;
            }
            var small = rows.get(0);
            var large = rows.get(rows.size() - 1);
            out.append("`backend=").append(backend).append("`").append(switch (backend) {
                case StreamingMemoryBenchmark.OURS_PROCESS -> " (the parent's heap; the workers are other JVMs)";
                case StreamingMemoryBenchmark.OURS_HAZELCAST -> " (the member's heap included: it runs in the same JVM)";
                default -> "";
            }).append(", peak heap after GC at ").append(String.format(Locale.ROOT, "%,d ÷ %,d", large.n(), small.n()))
                    .append(" items: ");
            if (small.ok() && large.ok()) {
                out.append(String.format(Locale.ROOT, "%.3f", large.peakAfterGc() / (double) small.peakAfterGc()))
                        .append("; after full GCs only (the live set): ").append(small.peakAfterFullGc() > 0
                                && large.peakAfterFullGc() > 0 ? String.format(Locale.ROOT, "%.3f",
                                        large.peakAfterFullGc() / (double) small.peakAfterFullGc()) : "n/a")
                        .append(" (the bound of 1.10 for reference: ")
                        .append(large.peakAfterGc() <= 1.10 * small.peakAfterGc() ? "within" : "NOT within")
                        .append(").\n");
            } else {
                out.append("not measured (").append(small.ok() ? large.outcome() : small.outcome()).append(").\n");
            }
        }
        for (var m : r.measurements().stream().filter(m -> m.peer().equals(StreamingMemoryBenchmark.OURS)).toList()) {
            var split = r.find(StreamingMemoryBenchmark.SPLIT, m.n(), m.defaultFlags());
            if (split != null && split.ok() && m.ok()) {
                out.append("At ").append(String.format(Locale.ROOT, "%,d", m.n())).append(" items")
                        .append(m.defaultFlags() ? StreamingMemoryBenchmark.DEFAULT_FLAGS_SUFFIX : ", fixed heap")
                        .append(", ours ÷ Camel's split: peak heap after GC ")
                        .append(BenchReport.ratio(m.peakAfterGc() / (double) split.peakAfterGc())).append(", wall time ")
                        .append(BenchReport.ratio(m.wallMillis() / split.wallMillis())).append(".\n");
            } else if (split != null && m.ok()) {
                out.append("At ").append(String.format(Locale.ROOT, "%,d", m.n())).append(" items, Camel's split: ")
                        .append(split.outcome()).append(".\n");
            }
        }
        out.append("\n");
    }

    /** Ours against Camel's streaming split at the largest size on default flags: heap at most its, speed 10x. */
    private void streamingGoals(StreamingMemoryBenchmark.Results r) {
        int n = r.measurements().stream().filter(StreamingMemoryBenchmark.Measurement::defaultFlags)
                .mapToInt(StreamingMemoryBenchmark.Measurement::n).max().orElse(0);
        var ours = r.find(StreamingMemoryBenchmark.OURS, n, true);
        var split = r.find(StreamingMemoryBenchmark.SPLIT, n, true);
        boolean both = ours != null && split != null && ours.correct() && split.correct();
        String items = String.format(Locale.ROOT, "%,d", n);
        goals.add("Streaming, " + items + " items: ours' peak heap after GC ÷ Camel's streaming split's", 1, false,
                both ? ours.peakAfterGc() / (double) split.peakAfterGc() : Double.NaN, "x", both ? mb(ours.peakAfterGc())
                        + " against " + mb(split.peakAfterGc()) + " MB, default flags" : "not measured on default flags");
        goals.add("Streaming, " + items + " items: ours' items/s ÷ Camel's streaming split's", 10, true,
                both ? split.wallMillis() / ours.wallMillis() : Double.NaN, "x", both ? BenchReport.fmt(ours.wallMillis() / 1000)
                        + " against " + BenchReport.fmt(split.wallMillis() / 1000) + " s, default flags" : "not measured");
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
    }
}
