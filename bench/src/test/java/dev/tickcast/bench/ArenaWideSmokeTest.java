package dev.tickcast.bench;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code arena-wide --embedded}: one small room, the arena's keys and the view's, checking bots that
 * miss nothing within R of their player (they decode SNAPSHOT_CELLS through SnapshotMirror).
 */
class ArenaWideSmokeTest {
    private static final List<String> WIDE_FIELDS = List.of("players", "firstStateBytes", "checkingBots",
            "snapshotBuildMs", "botLoopsCpuPerSec", "botLoopsCpuMsPerClientPerSec", "capacityOk", "overSend", "missed", "viewCheck");

    @Test
    void shouldCheckTheViewsAgainstAWholeWorldSpectator(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("arena-wide.json");
        int code = new CommandLine(new BenchMain()).execute("arena-wide", "--embedded", "--players", "6",
                "--checking-bots", "4", "--seconds", "3", "--warmup", "1", "--json", json.toString());
        assertEquals(0, code);
        JsonObject result = new JsonObject(Files.readString(json));
        List<String> expected = new ArrayList<>(ArenaSmokeTest.FIELDS);
        expected.addAll(WIDE_FIELDS);
        assertEquals(expected, List.copyOf(result.fieldNames()), "the arena's keys, then the view's");
        assertEquals("arena-wide-v1", result.getString("scenario"));
        assertEquals(6, result.getInteger("clients"));
        assertEquals(4, result.getInteger("checkingBots"));
        assertEquals(0, result.getLong("disconnects"));
        assertEquals(0, result.getLong("missed"), "every view holds what is within R");
        assertTrue(result.getDouble("overSend") > 1, "cells (or the whole world) hold more than a circle of 600");
        assertTrue(result.getJsonObject("viewCheck").getLong("framesCheckedForMisses") > 0);
        assertTrue(result.getJsonObject("firstStateBytes").getLong("max") > 0);
        assertTrue(result.getJsonObject("inputToVisibleMs").getDouble("p50") > 0, "measured by the checking bots");
        JsonObject build = result.getJsonObject("snapshotBuildMs");
        assertTrue(build.getDouble("p99") >= build.getDouble("p50"), "the room's own figure, from the admin API");
    }
}
