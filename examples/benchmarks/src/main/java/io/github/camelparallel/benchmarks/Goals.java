package io.github.camelparallel.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The benchmark goals, each with the figure this run measured, met or missed, and by how much: the report's first table,
 * so a missed goal is said plainly rather than left in a scenario's text. A goal whose figure was not measured (its
 * scenario not run, or its peer missing) says so.
 * <p>
 * <b>Repeats.</b> Each goal belongs to the scenario that measured it ({@link #scenario}). A figure within
 * {@value #NEAR_PERCENT}% of its line is one run's noise away from the other side of it, so the harness runs that
 * scenario again ({@link #scenariosNearTheLine}) until such a goal has {@value #RUNS} runs, and {@link #merge} adds the
 * repeats' figures: the goal is then decided on the median of its runs, and the table shows min – median – max.
 * Not thread-safe: one instance per report.
 */
final class Goals {

    /** A figure closer than this (percent of the target) to its target is measured again. */
    static final double NEAR_PERCENT = 20;
    /** Runs of a goal near its line. */
    static final int RUNS = 3;

    /** One goal: the median of {@code runs} against {@code target}, at least ({@code atLeast}) or at most. */
    record Goal(String scenario, String name, double target, boolean atLeast, List<Double> runs, String unit,
            String note) {

        double measured() {
            List<Double> sorted = runs.stream().filter(v -> !Double.isNaN(v)).sorted().toList();
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        boolean measuredAtAll() {
            return !Double.isNaN(measured());
        }

        boolean met() {
            return measuredAtAll() && (atLeast ? measured() >= target : measured() <= target);
        }

        /** How far from the target, as a percentage of it (positive: to spare; negative: missed by). */
        double marginPercent() {
            return (atLeast ? measured() / target - 1 : 1 - measured() / target) * 100;
        }

        /** Measured, and within {@link #NEAR_PERCENT}% of its target. */
        boolean nearTheLine() {
            return measuredAtAll() && Math.abs(measured() / target - 1) * 100 <= NEAR_PERCENT;
        }

        int measuredRuns() {
            return (int) runs.stream().filter(v -> !Double.isNaN(v)).count();
        }
    }

    private final List<Goal> goals = new ArrayList<>();
    private String scenario = "";

    /** The scenario whose goals are added next (the name {@code bench.only} uses). */
    void scenario(String name) {
        this.scenario = name;
    }

    void add(String name, double target, boolean atLeast, double measured, String unit, String note) {
        List<Double> runs = new ArrayList<>();
        runs.add(measured);
        goals.add(new Goal(scenario, name, target, atLeast, runs, unit, note));
    }

    List<Goal> all() {
        return List.copyOf(goals);
    }

    /** The scenarios with a goal near its line and fewer than {@value #RUNS} runs of it. */
    Set<String> scenariosNearTheLine() {
        Set<String> near = new LinkedHashSet<>();
        for (Goal g : goals) {
            if (g.nearTheLine() && g.measuredRuns() < RUNS) {
                near.add(g.scenario());
            }
        }
        return near;
    }

    /** Adds the figures of a repeated run (another report's goals, matched by name) as further runs. */
    void merge(Goals repeat) {
        for (Goal again : repeat.goals) {
            for (Goal g : goals) {
                if (g.name().equals(again.name()) && !Double.isNaN(again.measured())) {
                    g.runs().add(again.measured());
                }
            }
        }
    }

    String table() {
        StringBuilder out = new StringBuilder("| Goal | Target | Measured | Met? | Margin | Note |\n")
                .append("|---|---:|---:|---|---:|---|\n");
        for (Goal g : goals) {
            out.append("| ").append(g.name()).append(" | ").append(g.atLeast() ? "≥ " : "≤ ")
                    .append(num(g.target())).append(g.unit()).append(" | ");
            if (!g.measuredAtAll()) {
                out.append("not measured | | | ").append(g.note()).append(" |\n");
                continue;
            }
            out.append(num(g.measured())).append(g.unit()).append(spread(g)).append(" | ")
                    .append(g.met() ? "**met**" : "**missed**").append(" | ")
                    .append(String.format(Locale.ROOT, "%+.1f%%", g.marginPercent())).append(" | ")
                    .append(g.note()).append(" |\n");
        }
        return out.toString();
    }

    /** The goals missed, in one sentence each: what the page says plainly under the table. */
    String missed() {
        StringBuilder out = new StringBuilder();
        for (Goal g : goals) {
            if (g.measuredAtAll() && !g.met()) {
                out.append("- **Missed**: ").append(g.name()).append(": ").append(num(g.measured())).append(g.unit())
                        .append(" against ").append(g.atLeast() ? "≥ " : "≤ ").append(num(g.target()))
                        .append(g.unit()).append(String.format(Locale.ROOT, " (%.1f%% short of the line)",
                                -g.marginPercent())).append(".\n");
            }
        }
        return out.toString();
    }

    /** " (min – median – max of N runs)" for a goal measured more than once, else nothing. */
    private static String spread(Goal g) {
        List<Double> sorted = g.runs().stream().filter(v -> !Double.isNaN(v)).sorted().toList();
        if (sorted.size() < 2) {
            return "";
        }
        return " (" + num(sorted.get(0)) + " – " + num(g.measured()) + " – " + num(sorted.get(sorted.size() - 1))
                + g.unit() + ", median of " + sorted.size() + " runs)";
    }

    private static String num(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
