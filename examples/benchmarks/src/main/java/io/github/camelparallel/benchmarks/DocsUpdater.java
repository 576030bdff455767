package io.github.camelparallel.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Publishes a run into the docs ({@code -Dbench.docs=DIR}, set by the {@code bench} Maven profile): the charts as
 * {@code DIR/images/benchmarks/*.png}, and the report, with the charts embedded, between the two marker comments of
 * {@code DIR/benchmarks.md}, leaving the hand-written text around them as it is. A file without both markers is
 * an error naming the file, and nothing is written to it. Stateless.
 */
final class DocsUpdater {

    static final String BEGIN = "<!-- benchmarks:generated:begin (written by BenchmarkMain; edits inside are lost) -->";
    static final String END = "<!-- benchmarks:generated:end -->";
    static final String IMAGES = "images/benchmarks";

    private DocsUpdater() {
    }

    /** Writes the charts and the report into {@code docsDir}; returns the Markdown file it rewrote. */
    static Path publish(Path docsDir, String report, BenchCharts charts) throws IOException {
        Path doc = docsDir.resolve("benchmarks.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(doc + " has no generated section: it needs the line " + BEGIN
                    + " and, after it, the line " + END);
        }
        List<Path> pngs = charts.write(docsDir.resolve(IMAGES));
        StringBuilder block = new StringBuilder(BEGIN).append("\n\n");
        block.append(demote(report)).append("\n### Charts\n\n");
        for (Path png : pngs) {
            String file = png.getFileName().toString();
            block.append("![").append(charts.title(file)).append("](").append(IMAGES).append("/").append(file)
                    .append(")\n\n");
        }
        Files.writeString(doc, text.substring(0, begin) + block + text.substring(end), StandardCharsets.UTF_8);
        return doc;
    }

    /** The report's headings one level down, so they nest under the docs' own "Results" heading. */
    static String demote(String report) {
        return report.replaceAll("(?m)^(#{2,5}) ", "#$1 ");
    }
}
