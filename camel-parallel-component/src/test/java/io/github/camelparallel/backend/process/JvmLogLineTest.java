package io.github.camelparallel.backend.process;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which stdout lines are the JVM's own unified-logging lines (logged) and which stay protocol breaks. */
class JvmLogLineTest {

    @Test
    void theJvmsDefaultDecorationsMatchAsHotSpotPrintsThem() {
        // JDK 17's JFR start-up lines, verbatim (the second has an empty message and a trailing space)
        assertEquals("info", JvmLogLine.level(
                "[0.831s][info][jfr,startup] Started recording 1. No limit specified, using maxsize=250MB as default."));
        assertEquals("info", JvmLogLine.level("[0.831s][info][jfr,startup] "));
        assertEquals("info", JvmLogLine.level("[0.831s][info][jfr,startup]"));
        // HotSpot pads the level and the tags when several lines are decorated together
        assertEquals("info", JvmLogLine.level("[0.006s][info ][gc     ] Using G1"));
        assertEquals("warning", JvmLogLine.level("[12345.678s][warning][os,thread] Failed to start thread"));
        assertEquals("error", JvmLogLine.level("[1.000s][error][cds] An error has occurred"));
        assertEquals("debug", JvmLogLine.level("[0.004s][debug][gc,heap] Minimum heap 8388608"));
    }

    @Test
    void anythingElseIsNoJvmLogLine() {
        for (String line : new String[] { "", "this is not JSON", "{\"type\":\"hello\",\"protocol\":1}",
                "[1,2,3]", "[info] starting", "[0.8s][info][jfr] two decimals", "[0.831s][INFO][jfr] upper case",
                "[0.831s][notice][jfr] unknown level", "[0.831s][info][] no tags", "[0.831s][info][jfr]no space",
                "[0.831s][info][jfr] control \u0001 ok? no: \n", " [0.831s][info][jfr] leading space",
                "[0.831s] [info][jfr] space between", "[0.831s][info][Jfr] upper-case tag" }) {
            assertNull(JvmLogLine.level(line), line);
        }
    }

    @Test
    void warningAndErrorAreLoggedAsWarnings() {
        assertTrue(JvmLogLine.isWarning("warning"));
        assertTrue(JvmLogLine.isWarning("error"));
        assertFalse(JvmLogLine.isWarning("info"));
        assertFalse(JvmLogLine.isWarning("trace"));
    }
}
