package io.github.camelparallel.examples.filepipeline;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The task and the input generator, without Camel. */
class TripDistanceTest {

    @TempDir
    Path dir;

    @Test
    void distancesMatchKnownGreatCircles() {
        // Paris (48.8566, 2.3522) to London (51.5074, -0.1278): about 343.5 km
        assertEquals(343.5, TripDistance.haversineKm(48.8566, 2.3522, 51.5074, -0.1278), 0.5);
        // a quarter of the equator: pi/2 x R
        assertEquals(Math.PI / 2 * TripDistance.EARTH_RADIUS_KM, TripDistance.haversineKm(0, 0, 0, 90), 1e-6);
        assertEquals(0.0, TripDistance.haversineKm(45, 7, 45, 7), 1e-12);
    }

    @Test
    void aLineBecomesItsIdAndDistanceAndTheHeaderItsHeader() {
        TripDistance task = new TripDistance();
        assertEquals("7,343.5" + task.apply("7,48.8566,2.3522,51.5074,-0.1278").substring(7),
                task.apply("7,48.8566,2.3522,51.5074,-0.1278"));
        assertTrue(task.apply("7,48.8566,2.3522,51.5074,-0.1278").matches("7,343\\.5\\d\\d"));
        assertEquals(TripDistance.OUTPUT_HEADER, task.apply(TripDistance.INPUT_HEADER));
    }

    @Test
    void aLineThatIsNotATripFailsQuotingIt() {
        TripDistance task = new TripDistance();
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> task.apply("1,2,3"));
        assertTrue(wrong.getMessage().contains("'1,2,3'"), wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> task.apply("1,a,2,3,4"));
    }

    @Test
    void theInboxIsGeneratedOnceAndTheSameEveryTime() throws Exception {
        Path inbox = dir.resolve("inbox");
        List<Path> files = TripInbox.ensure(inbox, 2, 10);
        assertEquals(List.of(inbox.resolve("trips-001.csv"), inbox.resolve("trips-002.csv")), files);
        List<String> second = Files.readAllLines(files.get(1), StandardCharsets.UTF_8);
        assertEquals(11, second.size());
        assertEquals(TripDistance.INPUT_HEADER, second.get(0));
        assertTrue(second.get(1).startsWith("11,"), "ids count on across files: " + second.get(1));

        // an existing file is left alone; a deleted one comes back the same; other CSV files are listed too
        Files.writeString(files.get(0), TripDistance.INPUT_HEADER + "\n1,0,0,0,1\n");
        Files.delete(files.get(1));
        Files.writeString(inbox.resolve("mine.csv"), TripDistance.INPUT_HEADER + "\n");
        List<Path> again = TripInbox.ensure(inbox, 2, 10);
        assertEquals(List.of(inbox.resolve("mine.csv"), files.get(0), files.get(1)), again);
        assertEquals(2, Files.readAllLines(files.get(0)).size());
        assertEquals(second, Files.readAllLines(files.get(1), StandardCharsets.UTF_8));
    }
}
