package dev.tickcast.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A short soak in CI: {@code soak --embedded}, 4 rooms x 16 players at 20 Hz for 60 s, sampled every
 * 5 s. Asserts what a soak is for (no disconnect, no dropped tick, every sample taken, memory and
 * CPU read) and no timing threshold; about 70 s in all. {@code -Dtickcast.soak.seconds=N} and
 * {@code -Dtickcast.soak.rooms=N} change the length and the load (e.g. longer on a nightly build).
 */
class SoakTest {
    private static final int SECONDS = Integer.getInteger("tickcast.soak.seconds", 60);
    private static final int ROOMS = Integer.getInteger("tickcast.soak.rooms", 4);
    private static final int SAMPLE_SECONDS = 5;

    @Test
    void shouldKeepEveryBotAndEveryTickForAMinute(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("soak.json");
        int code = new CommandLine(new BenchMain()).execute("soak", "--embedded", "--rooms", String.valueOf(ROOMS),
                "--players", "16",
                "--seconds", String.valueOf(SECONDS), "--sample-seconds", String.valueOf(SAMPLE_SECONDS),
                "--warmup", "3", "--seed", "7", "--json", json.toString());
        JsonObject result = new JsonObject(Files.readString(json));
        JsonObject summary = result.getJsonObject("summary");
        JsonArray samples = result.getJsonArray("samples");
        assertEquals(0, summary.getLong("disconnects"), "disconnects");
        assertEquals(0, summary.getLong("droppedTicks"), "dropped ticks");
        assertEquals(0, code, "exit code: 0 when nothing was lost");
        assertEquals(16 * ROOMS, summary.getInteger("clients"));
        assertEquals(SECONDS / SAMPLE_SECONDS, samples.size(), "one sample per interval");
        assertTrue(summary.getBoolean("ok"));
        for (int i = 0; i < samples.size(); i++) {
            JsonObject s = samples.getJsonObject(i);
            assertTrue(s.getDouble("serverRssMiB") > 0, "RSS read");
            assertNotNull(s.getDouble("heapAfterGcMiB"), "heap read (embedded: this process)");
            assertTrue(s.getDouble("serverCpuPerSec") > 0, "CPU read");
            assertTrue(s.getDouble("snapshotsPerClientPerSec") > 0, "snapshots flowed");
            assertTrue(s.getDouble("ticksPerSecPerRoom") > 0, "rooms ticked");
            assertTrue(s.getJsonObject("interArrivalMs").getDouble("p99") > 0, "arrivals recorded");
        }
    }
}
