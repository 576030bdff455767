package io.github.camelparallel.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The counts a fault suite publishes (rounds, kills, items, outcomes, hangs, leaks): printed as one line at the end
 * of the suite and appended to {@code target/reliability-figures.txt}, where docs/reliability.md takes its figures
 * from. Not thread-safe: one test thread adds to it.
 */
final class ChaosTally {

    private static final Logger LOG = LoggerFactory.getLogger(ChaosTally.class);
    static final Path FIGURES = Path.of("target", "reliability-figures.txt");

    private final String suite;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final long startNanos = System.nanoTime();

    ChaosTally(String suite, String... names) {
        this.suite = suite;
        for (String name : names) {
            counts.put(name, 0L);
        }
    }

    void add(String name, long amount) {
        counts.merge(name, amount, Long::sum);
    }

    void add(ChaosBatch batch, ChaosBatch.Outcomes outcomes) {
        add("rounds", 1);
        add("items", batch.size());
        add("results", outcomes.results());
        add("thrown", outcomes.thrown());
        add("timeouts", outcomes.timedOut());
        add("crashed", outcomes.crashed());
        add("chunkTimeouts", outcomes.chunkTimedOut());
    }

    long get(String name) {
        return counts.getOrDefault(name, 0L);
    }

    /** Prints and appends the line {@code SUITE rounds=.. kills=.. ... seconds=..}; returns it. */
    String report() {
        String line = suite + " " + counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" ")) + " seconds=" + (System.nanoTime() - startNanos) / 1_000_000_000L;
        LOG.info("{}", line);
        System.out.println("FIGURES " + line);
        try {
            Files.createDirectories(FIGURES.toAbsolutePath().getParent());
            Files.writeString(FIGURES, Instant.now() + " " + line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line;
    }
}
