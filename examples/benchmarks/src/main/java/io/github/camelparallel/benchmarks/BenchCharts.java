package io.github.camelparallel.benchmarks;

import java.awt.Color;
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
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.style.Styler;

/**
 * The charts of docs/benchmarks.md, drawn with XChart from the figures of this run and written as PNG files
 * ({@link #write}), one per scenario. The report adds a chart's values as it writes the table they come from, so a
 * chart never shows a figure the tables do not. A chart on a logarithmic axis is a dot plot (a bar's length on a log
 * axis means nothing); a linear one is a bar chart from 0. Labels are never cut: the plot grows to fit them. Headless
 * (no display needed). Not thread-safe.
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
            int longest = categories.stream().mapToInt(k -> k.replace("`", "").length()).max().orElse(10);
            // rotated labels take about 5.5 px per character below the plot: make room instead of cutting them
            CategoryChart chart = new CategoryChartBuilder().width(1400).height(600 + (int) (longest * 5.5))
                    .title(c.title()).yAxisTitle(c.yTitle()).build();
            if (c.logarithmic()) {
                chart.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Scatter);
                chart.getStyler().setMarkerSize(14);
            }
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
            chart.getStyler().setLegendVisible(c.series().size() > 1);
            chart.getStyler().setXAxisLabelRotation(60);
            chart.getStyler().setYAxisLogarithmic(c.logarithmic());
            chart.getStyler().setLabelsVisible(true);
            chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
            chart.getStyler().setChartBackgroundColor(Color.WHITE);
            chart.getStyler().setPlotGridVerticalLinesVisible(false);
            chart.getStyler().setOverlapped(false);
            chart.getStyler().setYAxisDecimalPattern("#,##0.##");
            double floor = 0;
            chart.getStyler().setYAxisMin(0.0); // linear: bars start at 0
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
                    values.add(s.getValue().get(category)); // a missing value: no bar, no dot
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
        return label.replace("`", ""); // the whole label: a cut one can name the wrong peer
    }
}
