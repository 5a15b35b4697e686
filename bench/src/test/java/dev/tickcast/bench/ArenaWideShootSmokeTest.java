package dev.tickcast.bench;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code arena-wide --embedded --shoot}: bots behind a small in-process delay fire arena-wide's weapon
 * at the players they draw and count the answers. 40 players in the 8000 x 8000 world: some pairs are
 * always within sight of each other (about 14 pairs within 600 units when spawned uniformly).
 */
class ArenaWideShootSmokeTest {
    private static final int PLAYERS = 40;

    @Test
    void shouldShootWithTheRewindAndHit(@TempDir Path dir) throws Exception {
        JsonObject result = run(dir, false);
        assertEquals(true, result.getBoolean("rewind"));
        assertTrue(result.getLong("hits") > 0, "aimed where the shooter drew its target, judged in that view: " + result);
        assertTrue(result.getJsonObject("reasons").getLong("EXACT") > 0, "stamps judged exact: " + result);
        assertTrue(result.getLong("rewindNsMean") > 0);
    }

    @Test
    void shouldShootInThePresentWithoutTheRewind(@TempDir Path dir) throws Exception {
        JsonObject result = run(dir, true);
        assertEquals(false, result.getBoolean("rewind"));
        assertEquals(0, result.getLong("clampedShots"), "the present is never a clamped view");
        assertTrue(result.getLong("hits") <= result.getLong("shotsAnswered"));
    }

    private static JsonObject run(Path dir, boolean noRewind) throws Exception {
        Path json = dir.resolve("shoot.json");
        String[] args = {"arena-wide", "--embedded", "--players", String.valueOf(PLAYERS), "--seconds", "6",
                "--warmup", "2", "--no-check", "--shoot", "--delay-ms", "20", "--jitter-ms", "5", "--json", json.toString()};
        if (noRewind) {
            args = java.util.Arrays.copyOf(args, args.length + 1);
            args[args.length - 1] = "--no-rewind";
        }
        assertEquals(0, new CommandLine(new BenchMain()).execute(args));
        JsonObject result = new JsonObject(Files.readString(json));
        assertEquals(PLAYERS, result.getInteger("checkingBots"), "every bot decodes and shoots");
        assertEquals(0, result.getLong("disconnects"), "stamped inputs, pings and shots are all taken");
        assertEquals(20, result.getInteger("delayMs"));
        assertEquals(5, result.getInteger("jitterMs"));
        assertTrue(result.getLong("shots") > 0, "some bots had a target: " + result);
        assertTrue(result.getLong("shotsAnswered") > 0, "answers counted: " + result);
        return result;
    }
}
