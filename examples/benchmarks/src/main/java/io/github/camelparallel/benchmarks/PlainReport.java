package io.github.camelparallel.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's tables for the plain-harness scenarios ({@link PlainHarness}): I/O-bound against the ideal, small-batch
 * latency percentiles, the tiny-task rows JMH does not run, and the CPU-bound speed-up of every backend and peer
 * (JMH's, the process backend's, the plain harness's and Python's, gathered with {@link #speedUp}). Each table adds
 * its bars to the charts and its goals to {@link Goals}. Not thread-safe: one instance per report.
 */
final class PlainReport {

    /**
     * A speed-up: the same batch with one worker and with several, in one harness and one JVM; {@code loopMillis} is
     * a sequential loop of the same harness and JDK (NaN when that harness has none), the one baseline of the chart.
     */
    record SpeedUp(String peer, String workers, String jdk, double oneMillis, double manyMillis, String baseline,
            double loopMillis) {
        double ratio() {
            return oneMillis / manyMillis;
        }

        double overLoop() {
            return loopMillis / manyMillis;
        }
    }

    private final StringBuilder out;
    private final Goals goals;
    private final BenchCharts charts;
    private final List<SpeedUp> speedUps = new ArrayList<>();

    PlainReport(StringBuilder out, Goals goals, BenchCharts charts) {
        this.out = out;
        this.goals = goals;
        this.charts = charts;
    }

    void speedUp(String peer, String workers, String jdk, ProcessBenchmark.Timing one, ProcessBenchmark.Timing many,
            String baseline) {
        speedUp(peer, workers, jdk, one, many, baseline, null);
    }

    /** As above, with the sequential loop of the same harness and JDK (null: none) for the chart. */
    void speedUp(String peer, String workers, String jdk, ProcessBenchmark.Timing one, ProcessBenchmark.Timing many,
            String baseline, ProcessBenchmark.Timing loop) {
        if (one != null && many != null && one.measured() && many.measured()) {
            double loopMillis = loop != null && loop.measured() ? loop.median() : Double.NaN;
            speedUps.add(new SpeedUp(peer, workers, jdk, one.median(), many.median(), baseline, loopMillis));
        }
    }

    /** The rows of {@link PlainScenarios#CPU_MORE} as speed-ups: ours against one worker, peers against the loop. */
    void cpuMore(List<PlainHarness.Outcome> outcomes) {
        PlainHarness.Outcome seq = find(outcomes, PlainScenarios.CPU_MORE, PlainScenarios.SEQUENTIAL);
        for (String backend : List.of(PlainScenarios.VIRTUAL, PlainScenarios.HAZELCAST)) {
            PlainHarness.Outcome one = find(outcomes, PlainScenarios.CPU_MORE, backend + " poolSize=1");
            List<PlainHarness.Outcome> many = outcomes.stream().filter(o -> o.job().scenario()
                    .equals(PlainScenarios.CPU_MORE) && o.job().label().startsWith(backend + " poolSize=")
                    && o.job().concurrency() > 1).toList();
            for (PlainHarness.Outcome m : many) {
                if (one == null || !one.measured() || !m.measured()) {
                    String why = one != null && one.error() != null ? one.error() : m.error();
                    out.append("- ").append(m.job().label()).append(": not measured (").append(why).append(")\n");
                    continue;
                }
                boolean sameJdk = seq != null && seq.measured() && jdk(seq).equals(jdk(m));
                speedUp(m.job().label(), "1 → " + m.job().concurrency(), jdk(m), one.timing(), m.timing(),
                        backend + " poolSize=1", sameJdk ? seq.timing() : null);
            }
        }
        for (String peer : List.of(PlainScenarios.STREAM, PlainScenarios.SPLIT)) {
            PlainHarness.Outcome o = find(outcomes, PlainScenarios.CPU_MORE, peer);
            if (o != null && seq != null && o.measured() && seq.measured()) {
                speedUp(peer, peer.equals(PlainScenarios.STREAM) ? "loop → common pool + caller"
                        : "loop → " + PlainScenarios.SPLIT_THREADS + " threads", jdk(o), seq.timing(), o.timing(),
                        PlainScenarios.SEQUENTIAL + " (same harness)", seq.timing());
            }
        }
    }

    /** The speed-up table of every backend and peer, and its chart. */
    void speedUpTable(int items, String rounds) {
        if (speedUps.isEmpty()) {
            return;
        }
        out.append("<a id=\"cpu-bound-every-backend\"></a>\n\n");
        out.append("### CPU-bound speed-up, every backend and peer: ").append(items).append(" items × ")
                .append(rounds).append("\n\n")
                .append("Each speed-up is one batch's median time with one worker divided by its median with several,")
                .append(" both measured in the same harness and JVM (Python: the same script, with its own rounds for")
                .append(" the same time per item); peers without a worker count are against a sequential loop.\n\n")
                .append("| Peer | Workers | JDK | One worker / loop (ms) | Several (ms) | Speed-up | Against |\n")
                .append("|---|---|---|---:|---:|---:|---|\n");
        for (SpeedUp s : speedUps) {
            out.append("| ").append(s.peer()).append(" | ").append(s.workers()).append(" | ").append(s.jdk())
                    .append(" | ").append(BenchReport.fmt(s.oneMillis())).append(" | ")
                    .append(BenchReport.fmt(s.manyMillis())).append(" | **")
                    .append(String.format(Locale.ROOT, "%.2fx", s.ratio())).append("** | ").append(s.baseline())
                    .append(" |\n");
            // one baseline for every bar: the sequential loop of the same harness and JDK (rows without one: table only)
            charts.bar("cpu-speedup.png", "CPU-bound: speed-up over a sequential loop of the same harness and JDK"
                    + " (higher is better)", "speed-up over the loop (x)", false, "speed-up", s.peer() + " [" + s.jdk()
                    + "]", s.overLoop());
        }
        out.append("\n");
    }

    /** The I/O-bound table: every peer's batch time against its ideal, and items/s against ours (virtual). */
    void io(List<PlainHarness.Outcome> outcomes, int waitMillis) {
        List<PlainHarness.Outcome> rows = scenario(outcomes, PlainScenarios.IO);
        if (rows.isEmpty()) {
            return;
        }
        PlainHarness.Outcome ours = ours(rows);
        out.append("## I/O-bound: tasks that each wait ").append(waitMillis).append(" ms\n\n")
                .append("Plain harness (one batch per repetition, warm pool, every result checked). Ideal = items × ")
                .append(waitMillis).append(" ms ÷ concurrency (the items a peer runs at once). Peers whose concurrency ")
                .append("is their own (a loop, `parallelStream()`, Camel's default pool, 2 worker processes) get a ")
                .append("batch of about a second at that concurrency and are compared by items/s. Others' cores: the")
                .append(" cores every other process kept busy while the row was measured (`/proc/stat`; above about")
                .append(" 0.2 the row shared the machine).\n\n")
                .append("| Peer | JDK | Concurrency | Items per batch | Median per batch (ms) | Min – max (ms) | Ideal (ms)")
                .append(" | × ideal | Items/s | ours ÷ peer (items/s) | Others' cores |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (PlainHarness.Outcome o : rows) {
            PlainHarness.Job j = o.job();
            double ideal = j.concurrency() == 0 ? Double.NaN
                    : Math.ceil(j.items() / (double) j.concurrency()) * waitMillis;
            out.append("| ").append(j.label()).append(" | ").append(jdk(o)).append(" | ")
                    .append(String.format(Locale.ROOT, "%,d", j.concurrency())).append(" | ")
                    .append(String.format(Locale.ROOT, "%,d", j.items())).append(" | ");
            if (!o.measured()) {
                out.append(notRun(o)).append(" | | ").append(BenchReport.fmt(ideal)).append(" | | | | |\n");
                continue;
            }
            ProcessBenchmark.Timing t = o.timing();
            double perSecond = j.items() / (t.median() / 1000);
            out.append(BenchReport.fmt(t.median())).append(" | ").append(BenchReport.fmt(t.min())).append(" – ")
                    .append(BenchReport.fmt(t.max())).append(" | ").append(BenchReport.fmt(ideal)).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2fx", t.median() / ideal)).append(" | ")
                    .append(String.format(Locale.ROOT, "%,.0f", perSecond)).append(" | ")
                    .append(ours.measured() ? BenchReport.ratio(perSecond(ours) / perSecond) : "").append(" | ")
                    .append(others(o)).append(" |\n");
            charts.bar("io-bound.png", "I/O-bound: " + waitMillis + " ms waits, items/s (log scale, higher is better)",
                    "items/s", true, "items/s", j.label(), perSecond);
        }
        double ideal = Math.ceil(ours.job().items() / (double) ours.job().concurrency()) * waitMillis;
        goals.scenario("io");
        goals.add("I/O-bound, `backend=virtual`: total time ÷ ideal (" + String.format(Locale.ROOT, "%,d",
                ours.job().items()) + " × " + waitMillis + " ms ÷ " + ours.job().concurrency() + ")", 1.25, false,
                ours.measured() ? ours.timing().median() / ideal : Double.NaN, "x",
                ours.measured() ? BenchReport.fmt(ours.timing().median()) + " ms against " + BenchReport.fmt(ideal)
                        + " ms, " + jdk(ours) : notRun(ours));
        out.append("\n");
    }

    /** The small-batch latency table: p50 and p99 of a warm 10-item batch per peer. */
    void latency(List<PlainHarness.Outcome> outcomes) {
        List<PlainHarness.Outcome> rows = scenario(outcomes, PlainScenarios.LATENCY);
        if (rows.isEmpty()) {
            return;
        }
        PlainHarness.Outcome ours = ours(rows);
        out.append("## Small batches: latency of a ").append(PlainScenarios.LATENCY_ITEMS)
                .append("-item batch on a warm pool\n\n")
                .append("`cube` over ").append(PlainScenarios.LATENCY_ITEMS).append(" items, ")
                .append(String.format(Locale.ROOT, "%,d", rows.get(0).job().warmup()))
                .append(" warm-up batches (").append(rows.stream().mapToInt(o -> o.job().warmup()).min().orElse(0))
                .append(" for the process and Hazelcast backends: their batches take milliseconds), then ")
                .append(rows.get(0).job().measure()).append(" timed one after another (request to reply through a ")
                .append("`ProducerTemplate` for the Camel peers); nearest-rank percentiles. The JVM's default flags")
                .append(" first; rows marked").append(PlainScenarios.TUNED).append(" ran in a second JVM on the fork")
                .append(" flags of the other scenarios.\n\n")
                .append("| Peer | JDK | p50 (µs) | p99 (µs) | Max (µs) | Batches | p50 ÷ ours' p50 | Others' cores |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (PlainHarness.Outcome o : rows) {
            out.append("| ").append(o.job().label()).append(" | ").append(jdk(o)).append(" | ");
            if (!o.measured()) {
                out.append(notRun(o)).append(" | | | | | |\n");
                continue;
            }
            double p50 = o.percentile(50) * 1000;
            double p99 = o.percentile(99) * 1000;
            out.append(BenchReport.fmt(p50)).append(" | ").append(BenchReport.fmt(p99)).append(" | ")
                    .append(BenchReport.fmt(o.percentile(100) * 1000)).append(" | ").append(o.millis().size())
                    .append(" | ").append(ours.measured() ? BenchReport.ratio(p50 / (ours.percentile(50) * 1000)) : "")
                    .append(" | ").append(others(o)).append(" |\n");
            String title = "Small batches: latency of a 10-item batch, µs (log scale, lower is better)";
            charts.bar("latency.png", title, "µs", true, "p50", o.job().label(), p50);
            charts.bar("latency.png", title, "µs", true, "p99", o.job().label(), p99);
        }
        out.append("\n");
        latencyGoals(rows, ours);
    }

    /** The small-batch goals, on the default flags: ours' percentiles, against the in-JVM peers, virtual ÷ thread. */
    private void latencyGoals(List<PlainHarness.Outcome> rows, PlainHarness.Outcome ours) {
        goals.scenario("latency");
        double p50 = ours.measured() ? ours.percentile(50) * 1000 : Double.NaN;
        double p99 = ours.measured() ? ours.percentile(99) * 1000 : Double.NaN;
        String note = "10-item `cube` batch, `backend=thread`, default flags";
        goals.add("Small batches: p50", 10, false, p50, " µs", note);
        goals.add("Small batches: p99", 60, false, p99, " µs", note);
        double bestP50 = Double.POSITIVE_INFINITY;
        double bestP99 = Double.POSITIVE_INFINITY;
        for (PlainHarness.Outcome o : rows) {
            String label = o.job().label();
            boolean peer = label.startsWith(PlainScenarios.EXECUTOR) || label.equals(PlainScenarios.SPLIT)
                    || label.equals(PlainScenarios.SPLIT_STREAMING);
            if (peer && o.measured()) {
                bestP50 = Math.min(bestP50, o.percentile(50) * 1000);
                bestP99 = Math.min(bestP99, o.percentile(99) * 1000);
            }
        }
        if (Double.isInfinite(bestP50)) {
            bestP50 = Double.NaN; // not measured
            bestP99 = Double.NaN;
        }
        String peers = "÷ the fastest of the hand-chunked executor and both Camel splits, same run (below 1: ours faster)";
        goals.add("Small batches: ours' p50 " + peers, 1, false, p50 / bestP50, "x", note);
        goals.add("Small batches: ours' p99 " + peers, 1, false, p99 / bestP99, "x", note);
        PlainHarness.Outcome virtual = rows.stream().filter(o -> o.job().label().startsWith(PlainScenarios.VIRTUAL)
                && !o.job().label().endsWith(PlainScenarios.TUNED)).findFirst().orElse(null);
        goals.add("Small batches: `backend=virtual` p50 ÷ `backend=thread` p50", 1.2, false,
                virtual != null && virtual.measured() ? virtual.percentile(50) * 1000 / p50 : Double.NaN, "x",
                "virtual threads in a JDK 21+ fork");
        PlainHarness.Outcome process = rows.stream().filter(o -> o.job().label().startsWith(PlainScenarios.PROCESS)
                && !o.job().label().endsWith(PlainScenarios.TUNED)).findFirst().orElse(null);
        boolean processMeasured = process != null && process.measured();
        String processNote = "10-item `cube` batch, `backend=process`, 2 JVM workers, default flags";
        goals.add("Small batches, process backend: p50", 100, false,
                processMeasured ? process.percentile(50) * 1000 : Double.NaN, " µs", processNote);
        goals.add("Small batches, process backend: p99", 1000, false,
                processMeasured ? process.percentile(99) * 1000 : Double.NaN, " µs", processNote);
    }

    /** The tiny-task rows of the plain harness: items/s against ours on the thread backend in the same harness. */
    void tinyMore(List<PlainHarness.Outcome> outcomes) {
        List<PlainHarness.Outcome> rows = scenario(outcomes, PlainScenarios.TINY_MORE);
        if (rows.isEmpty()) {
            return;
        }
        PlainHarness.Outcome ours = ours(rows);
        out.append("### Tiny tasks, the other backends and peers (plain harness)\n\n")
                .append("The same `cube` batches timed by the plain harness (").append(rows.get(0).job().measure())
                .append(" batches after ").append(rows.get(0).job().warmup())
                .append(" warm-up ones, one JVM per JDK), with ours on the thread backend again as the reference.\n\n")
                .append("| Peer | JDK | Items per batch | Median per batch (ms) | Min – max (ms) | Items/s | ns per item")
                .append(" | ours (thread) ÷ peer | Others' cores |\n|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (PlainHarness.Outcome o : rows) {
            out.append("| ").append(o.job().label()).append(" | ").append(jdk(o)).append(" | ")
                    .append(String.format(Locale.ROOT, "%,d", o.job().items())).append(" | ");
            if (!o.measured()) {
                out.append(notRun(o)).append(" | | | | | |\n");
                continue;
            }
            ProcessBenchmark.Timing t = o.timing();
            out.append(BenchReport.fmt(t.median())).append(" | ").append(BenchReport.fmt(t.min())).append(" – ")
                    .append(BenchReport.fmt(t.max())).append(" | ")
                    .append(String.format(Locale.ROOT, "%,.0f", perSecond(o))).append(" | ")
                    .append(BenchReport.fmt(t.median() * 1e6 / o.job().items())).append(" | ")
                    .append(ours.measured() ? BenchReport.ratio(perSecond(ours) / perSecond(o)) : "").append(" | ")
                    .append(others(o)).append(" |\n");
            String label = o.job().label();
            BenchReport.tinyBar(charts, label + " [plain, " + jdk(o) + "]", perSecond(o));
        }
        out.append("\n");
    }

    /** The row marked "(ours)", else the first. */
    private static PlainHarness.Outcome ours(List<PlainHarness.Outcome> rows) {
        return rows.stream().filter(o -> o.job().label().contains("(ours)")).findFirst().orElse(rows.get(0));
    }

    private static double perSecond(PlainHarness.Outcome o) {
        return o.job().items() / (o.timing().median() / 1000);
    }

    /** The cores other processes used while the row was measured: above about 0.2 the row had company. */
    private static String others(PlainHarness.Outcome o) {
        return o.otherCores() < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", o.otherCores());
    }

    private static String notRun(PlainHarness.Outcome o) {
        return "not run: " + String.valueOf(o.error()).replace("|", "/");
    }

    static String jdk(PlainHarness.Outcome o) {
        String v = o.jdk() == null ? "" : o.jdk();
        int plus = v.indexOf('+');
        return plus > 0 ? v.substring(0, plus) : v.isEmpty() ? "n/a" : v;
    }

    private static List<PlainHarness.Outcome> scenario(List<PlainHarness.Outcome> outcomes, String scenario) {
        return outcomes.stream().filter(o -> o.job().scenario().equals(scenario)).toList();
    }

    private static PlainHarness.Outcome find(List<PlainHarness.Outcome> outcomes, String scenario, String label) {
        return outcomes.stream().filter(o -> o.job().scenario().equals(scenario) && o.job().label().equals(label))
                .findFirst().orElse(null);
    }
}
