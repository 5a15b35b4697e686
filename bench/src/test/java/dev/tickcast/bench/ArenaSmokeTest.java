package dev.tickcast.bench;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs {@code arena --embedded} briefly and checks the JSON is complete and sane (no timing thresholds). */
class ArenaSmokeTest {
    /** The keys of the arena JSON, in order (arena-wide starts with them too). */
    static final List<String> FIELDS = List.of("scenario", "rooms", "playersPerRoom", "clients", "seconds",
            "disconnects", "downBytesPerClientPerSec", "upBytesPerClientPerSec", "fullSnapshotBytes", "snapshotBytes",
            "snapshotsPerClientPerSec", "interArrivalMs", "inputToVisibleMs", "inputToVisibleFloorMs", "ticksPerSecPerRoom",
            "embedded", "decodingBots", "serverCpuPerSec", "serverCpuMsPerClientPerSec", "loadGeneratorCpuPerSec",
            "loadGeneratorCpuMsPerClientPerSec", "serverPeakRssMiB", "serverContextSwitchesPerSec", "limit",
            "transport", "wireDownBytesPerClientPerSec", "wireUpBytesPerClientPerSec", "wireBytesCountedBy",
            "machineCpuPerSec", "otherCpuPerSec");

    @Test
    void shouldWriteACompleteResult(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("arena.json");
        int code = new CommandLine(new BenchMain()).execute("arena", "--embedded", "--rooms", "2", "--players", "4",
                "--seconds", "3", "--warmup", "1", "--decode-every", "2", "--json", json.toString());
        assertEquals(0, code);
        JsonObject result = new JsonObject(Files.readString(json));
        assertEquals(FIELDS, List.copyOf(result.fieldNames()), "exactly the documented fields, in order");
        assertEquals(8, result.getInteger("clients"));
        assertEquals(0, result.getLong("disconnects"));
        assertTrue(result.getDouble("downBytesPerClientPerSec") > 0);
        assertTrue(result.getDouble("upBytesPerClientPerSec") > 0);
        assertTrue(result.getDouble("snapshotsPerClientPerSec") > 0);
        assertTrue(result.getDouble("ticksPerSecPerRoom") > 0);
        assertTrue(result.getJsonObject("fullSnapshotBytes").getLong("max") > 0);
        assertTrue(result.getJsonObject("snapshotBytes").getLong("p50") > 0);
        assertTrue(result.getJsonObject("interArrivalMs").getDouble("p50") > 0);
        assertTrue(result.getJsonObject("inputToVisibleMs").getDouble("p50") > 0);
        assertEquals("websocket", result.getString("transport"));
        assertTrue(result.getDouble("wireDownBytesPerClientPerSec") > result.getDouble("downBytesPerClientPerSec"),
                "frame headers (and pings) on top of the payload");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http-stream", "http-poll"})
    void shouldPlayOverTheHttpBinding(String transport, @TempDir Path dir) throws Exception {
        Path json = dir.resolve("arena.json");
        int code = new CommandLine(new BenchMain()).execute("arena", "--embedded", "--rooms", "1", "--players", "4",
                "--seconds", "2", "--warmup", "1", "--decode-every", "2", "--transport", transport, "--json", json.toString());
        assertEquals(0, code);
        JsonObject result = new JsonObject(Files.readString(json));
        assertEquals(FIELDS, List.copyOf(result.fieldNames()));
        assertEquals(transport, result.getString("transport"));
        assertEquals(0, result.getLong("disconnects"));
        assertEquals(2, result.getLong("decodingBots"));
        assertTrue(result.getDouble("snapshotsPerClientPerSec") > 0);
        assertTrue(result.getJsonObject("inputToVisibleMs").getDouble("p50") > 0);
        assertTrue(result.getDouble("wireDownBytesPerClientPerSec") > result.getDouble("downBytesPerClientPerSec"),
                "HTTP overhead counted");
        assertTrue(result.getDouble("wireUpBytesPerClientPerSec") > result.getDouble("upBytesPerClientPerSec"));
    }
}
