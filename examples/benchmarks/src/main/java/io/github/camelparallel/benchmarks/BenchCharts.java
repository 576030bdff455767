package io.github.camelparallel.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The charts of docs/benchmarks.md: horizontal-label bar charts drawn with XChart from the figures of this run and
 * written as PNG files ({@link #write}), one per scenario. The report adds a chart's bars as it writes the table they
 * come from, so a chart never shows a figure the tables do not. Headless (no display needed). Not thread-safe.
 */
final class BenchCharts {

    /** One chart: categories (peers) on the x axis, one bar per series in each. */
    record Chart(String file, String title, String yTitle, boolean logarithmic,
            Map<String, Map<String, Double>> series) {
    }

    private final Map<String, Chart> charts = new LinkedHashMap<>();

    /** Adds a bar {@code value} for {@code category} in {@code series} of the chart {@code file}. */
    void bar(String file, String title, String yTitle, boolean logarithmic, String series, String category,
            double value) {
        if (Double.isNaN(value) || Double.isInfinite(value) || (logarithmic && value <= 0)) {
            return;
        }
        charts.computeIfAbsent(file, f -> new Chart(f, title, yTitle, logarithmic, new LinkedHashMap<>()))
                .series().computeIfAbsent(series, s -> new LinkedHashMap<>()).put(category, value);
    }

    /** The chart files this run has figures for, in the order they were first added. */
    List<String> files() {
        return new ArrayList<>(charts.keySet());
    }

    String title(String file) {
        return charts.get(file).title();
    }

    /** Writes every chart as {@code dir/<file>} (PNG); returns the files written. */
    List<Path> write(Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (Chart c : charts.values()) {
            List<String> categories = new ArrayList<>();
            c.series().values().forEach(m -> m.keySet().stream().filter(k -> !categories.contains(k))
                    .forEach(categories::add));
            CategoryChart chart = new CategoryChartBuilder().width(1200).height(800)
                    .title(c.title()).yAxisTitle(c.yTitle()).build();
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
            chart.getStyler().setLegendVisible(c.series().size() > 1);
            chart.getStyler().setXAxisLabelRotation(60);
            chart.getStyler().setYAxisLogarithmic(c.logarithmic());
            chart.getStyler().setLabelsVisible(true);
            chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
            chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
            chart.getStyler().setPlotGridVerticalLinesVisible(false);
            chart.getStyler().setOverlapped(false);
            chart.getStyler().setYAxisDecimalPattern("#,##0.#");
            double floor = 0;
            if (c.logarithmic()) {
                // a log axis must start above 0: the power of ten below the smallest bar
                double min = c.series().values().stream().flatMap(m -> m.values().stream())
                        .mapToDouble(Double::doubleValue).min().orElse(1);
                floor = Math.pow(10, Math.floor(Math.log10(min)));
                chart.getStyler().setYAxisMin(floor);
            }
            for (var s : c.series().entrySet()) {
                List<Double> values = new ArrayList<>();
                for (String category : categories) {
                    values.add(s.getValue().getOrDefault(category, floor)); // a missing bar: no height
                }
                chart.addSeries(s.getKey(), categories.stream().map(BenchCharts::shorten).toList(), values);
            }
            Path file = dir.resolve(c.file());
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            written.add(file);
        }
        return written;
    }

    private static String shorten(String label) {
        String plain = label.replace("`", "");
        return plain.length() <= 52 ? plain : plain.substring(0, 49) + "...";
    }
}
