package io.github.camelparallel.examples.filepipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.github.camelparallel.dispatch.BatchProgress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every run of the example at {@link FilePipelineRun#small} sizes must leave behind, whichever DSL ran it. */
final class FilePipelineAssertions {

    private FilePipelineAssertions() {
    }

    static void assertSmallRun(FilePipelineRun run, String routeId, Path dir) throws IOException {
        assertEquals(0, run.exitCode(), "the application ends by itself with exit code 0");
        assertEquals(List.of(routeId), run.routeIds(), "example.dsl picks exactly one of the two routes");

        int lines = FilePipelineRun.ROWS + 1; // the header goes through the pool too
        List<String> inputs = List.of("trips-001.csv", "trips-002.csv", "trips-003.csv");
        assertEquals(inputs, run.report().getOutcomes().stream().map(PipelineReport.FileOutcome::input).toList(),
                "every file once, in name order");
        for (PipelineReport.FileOutcome outcome : run.report().getOutcomes()) {
            assertEquals(lines, outcome.pulled(), outcome::toString);
            assertEquals(lines, outcome.delivered(), outcome::toString);
            assertEquals(0, outcome.failed(), outcome::toString);
        }

        TripDistance task = new TripDistance();
        long nextId = 1;
        for (String input : inputs) {
            List<String> in = Files.readAllLines(dir.resolve("inbox").resolve(input), StandardCharsets.UTF_8);
            List<String> out = Files.readAllLines(dir.resolve("outbox").resolve(PipelineReport.outputName(input)),
                    StandardCharsets.UTF_8);
            assertEquals(lines, in.size());
            // line i of the output is the result of line i of the input: nothing lost, repeated or out of order
            assertEquals(in.stream().map(task).toList(), out, input);
            assertEquals(TripDistance.OUTPUT_HEADER, out.get(0));
            for (String line : out.subList(1, out.size())) {
                assertEquals(nextId++, Long.parseLong(line.substring(0, line.indexOf(','))), "trip ids count up");
            }
        }

        // progress=true: every file's streamed batch ends with a final report of all its lines (no total: streamed)
        List<BatchProgress> reports = run.progress().stream().map(FilePipelineRun.ProgressSeen::progress).toList();
        List<BatchProgress> finals = reports.stream().filter(BatchProgress::finished).toList();
        assertEquals(inputs.size(), finals.size(), () -> "one final progress report per file: " + reports);
        for (BatchProgress last : finals) {
            assertEquals("trips", last.poolName());
            assertEquals(lines, last.done());
            assertEquals(-1, last.total());
            assertEquals(0, last.failed());
        }
        assertTrue(reports.stream().allMatch(p -> p.done() <= lines));
        // streaming: results were on disk while their batch still ran (a header and at least one result line)
        assertTrue(run.progress().stream().anyMatch(seen -> !seen.progress().finished() && seen.linesWritten() >= 2),
                () -> "no progress report saw results written before its batch ended: " + run.progress());
    }
}
