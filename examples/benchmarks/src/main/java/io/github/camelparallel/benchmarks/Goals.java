package io.github.camelparallel.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark goals, each with the figure this run measured, met or missed, and by how much: the report's first table,
 * so a missed goal is said plainly rather than left in a scenario's text. A goal whose figure was not measured (its
 * scenario not run, or its peer missing) says so. Not thread-safe: one instance per report.
 */
final class Goals {

    /** One goal: {@code measured} against {@code target}, at least ({@code atLeast}) or at most. */
    record Goal(String name, double target, boolean atLeast, double measured, String unit, String note) {
        boolean measuredAtAll() {
            return !Double.isNaN(measured);
        }

        boolean met() {
            return measuredAtAll() && (atLeast ? measured >= target : measured <= target);
        }

        /** How far from the target, as a percentage of it (positive: to spare; negative: missed by). */
        double marginPercent() {
            return (atLeast ? measured / target - 1 : 1 - measured / target) * 100;
        }
    }

    private final List<Goal> goals = new ArrayList<>();

    void add(String name, double target, boolean atLeast, double measured, String unit, String note) {
        goals.add(new Goal(name, target, atLeast, measured, unit, note));
    }

    List<Goal> all() {
        return List.copyOf(goals);
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
            out.append(num(g.measured())).append(g.unit()).append(" | ").append(g.met() ? "**met**" : "**missed**")
                    .append(" | ").append(String.format(Locale.ROOT, "%+.1f%%", g.marginPercent())).append(" | ")
                    .append(g.note()).append(" |\n");
        }
        return out.toString();
    }

    private static String num(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
