package dev.tickcast.games.arena;

import com.esotericsoftware.kryo.io.Output;
import dev.tickcast.delta.DeltaEncoder;
import dev.tickcast.game.testing.LocalRoom;
import dev.tickcast.state.Snapshot;
import dev.tickcast.state.Table;
import dev.tickcast.state.World;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The arena is deterministic for a seed and keeps the rules of ARENA-SCENARIO.md. */
class ArenaGameTest {
    private static final long SEED = 20_240_601L;
    private static final int TICKS = 1000;
    private static final String[] NAMES = {"ann", "Zoë", "玩家"};
    private static final int ORBS = 0;
    private static final int NPCS = 1;
    private static final int PLAYERS = 2;

    @Test
    void shouldGiveByteIdenticalSnapshotsForTheSameSeedAndInputs() {
        ArenaScript a = new ArenaScript(SEED, NAMES);
        ArenaScript b = new ArenaScript(SEED, NAMES);
        for (int t = 0; t < TICKS; t++) {
            a.step();
            b.step();
        }
        byte[] first = fullSnapshot(a);
        assertArrayEquals(first, fullSnapshot(b));
        assertTrue(first.length > 1000, "a full arena snapshot carries 300 orbs");
    }

    @Test
    void shouldGiveADifferentWorldForAnotherSeed() {
        ArenaScript a = new ArenaScript(SEED, NAMES);
        ArenaScript b = new ArenaScript(SEED + 1, NAMES);
        a.step();
        b.step();
        assertFalse(Arrays.equals(fullSnapshot(a), fullSnapshot(b)));
    }

    @Test
    void shouldKeepCountsBoundsAndRadiusEveryTick() {
        ArenaScript script = new ArenaScript(SEED, ArenaScript.botNames(16));
        World world = script.world();
        for (int t = 0; t < TICKS; t++) {
            script.step();
            assertEquals(ArenaGame.ORB_COUNT, world.table(ORBS).size(), "orbs at tick " + t);
            assertEquals(ArenaGame.NPC_COUNT, world.table(NPCS).size(), "NPCs at tick " + t);
            assertEquals(16, world.table(PLAYERS).size());
            checkBodies(world.table(PLAYERS), ArenaSchemas.PLAYER_X, ArenaSchemas.PLAYER_Y,
                    ArenaSchemas.PLAYER_RADIUS, ArenaSchemas.PLAYER_SCORE);
            checkBodies(world.table(NPCS), ArenaSchemas.NPC_X, ArenaSchemas.NPC_Y,
                    ArenaSchemas.NPC_RADIUS, ArenaSchemas.NPC_SCORE);
        }
    }

    @Test
    void shouldRespawnEatenOrbsWithNewIds() {
        ArenaScript script = new ArenaScript(SEED, NAMES);
        Set<Integer> initial = orbIds(script.world().table(ORBS));
        int scoreBefore = totalScore(script.world());
        for (int t = 0; t < TICKS; t++) {
            script.step();
        }
        Table orbs = script.world().table(ORBS);
        Set<Integer> now = orbIds(orbs);
        assertFalse(initial.containsAll(now), "some orbs were eaten and respawned");
        int highest = ArenaGame.ORB_COUNT + ArenaGame.NPC_COUNT + NAMES.length - 1;
        assertTrue(orbs.id(orbs.size() - 1) > highest, "a respawned orb has a new, larger id");
        assertTrue(totalScore(script.world()) > scoreBefore, "eaters gained score");
        for (int row = 0; row < orbs.size(); row++) {
            int value = orbs.getInt(row, ArenaSchemas.ORB_VALUE);
            assertTrue(value >= 1 && value <= 5, "orb value " + value);
        }
    }

    @Test
    void shouldRefuseInvalidInputBytes() {
        LocalRoom room = LocalRoom.create(ArenaGame.SPEC, SEED);
        room.join("ann");
        byte[][] invalid = {{}, {0x03}, {0x0C}, {0x0F}, {0x20}, {(byte) 0x80}, {(byte) 0xFF}, {0x05, 0x05}};
        for (byte[] payload : invalid) {
            assertFalse(room.input(0, payload), "payload " + Arrays.toString(payload));
        }
        Table players = room.world().table(PLAYERS);
        assertEquals(0, players.getInt(0, ArenaSchemas.PLAYER_LAST_INPUT_SEQ), "refused inputs are not applied");
        assertTrue(room.input(0, (byte) ArenaInput.encode(1, -1, true)));
        assertEquals(invalid.length + 1, players.getInt(0, ArenaSchemas.PLAYER_LAST_INPUT_SEQ));
    }

    @Test
    void shouldMoveAPlayerByItsInput() {
        assertEquals(1200f, distanceAfterOneSecond(ArenaGame.SPEC) + 1000f, 0.01f, "200 units a second");
    }

    @Test
    void shouldMoveAsFarInASecondAt30HzAsAt60Hz() {
        float at60 = distanceAfterOneSecond(ArenaGame.SPEC.tickHz(60));
        float at30 = distanceAfterOneSecond(ArenaGame.SPEC.rates(30, 10));
        float at120 = distanceAfterOneSecond(ArenaGame.SPEC.rates(120, 20));
        assertEquals(200f, at60, 0.01f);
        assertEquals(at60, at30, 0.01f, "units per second do not depend on the tick rate");
        assertEquals(at60, at120, 0.01f);
    }

    @Test
    void shouldCapTheRadiusOfBigEaters() {
        assertEquals(20f, ArenaGame.radius(0));
        assertEquals(119.9f, ArenaGame.radius(999), 0.001f);
        assertEquals(120f, ArenaGame.radius(1000));
        assertEquals(120f, ArenaGame.radius(1_000_000), "ARENA-SCENARIO v1.1 caps the radius at 120");
    }

    /** The distance a player moving right covers in one simulated second at the spec's tick rate. */
    private static float distanceAfterOneSecond(dev.tickcast.game.GameSpec spec) {
        LocalRoom room = LocalRoom.create(spec, SEED);
        room.join("ann");
        Table players = room.world().table(PLAYERS);
        int row = 0;
        players.setFloat(row, ArenaSchemas.PLAYER_X, 1000f);
        players.setFloat(row, ArenaSchemas.PLAYER_Y, 1000f);
        assertTrue(room.input(0, (byte) ArenaInput.encode(1, 0, false)));
        room.step(spec.tickHz());
        assertEquals(1000f, players.getFloat(row, ArenaSchemas.PLAYER_Y));
        return players.getFloat(row, ArenaSchemas.PLAYER_X) - 1000f;
    }

    private static void checkBodies(Table table, dev.tickcast.state.Field x, dev.tickcast.state.Field y,
                                    dev.tickcast.state.Field radius, dev.tickcast.state.Field score) {
        for (int row = 0; row < table.size(); row++) {
            float px = table.getFloat(row, x);
            float py = table.getFloat(row, y);
            assertTrue(px >= 0 && px <= ArenaGame.WORLD_SIZE && py >= 0 && py <= ArenaGame.WORLD_SIZE,
                    table.schema().name() + " #" + table.id(row) + " at " + px + ", " + py);
            assertEquals(Math.min(120f, 20f + table.getInt(row, score) / 10f), table.getFloat(row, radius));
        }
    }

    private static Set<Integer> orbIds(Table orbs) {
        Set<Integer> ids = new HashSet<>();
        for (int row = 0; row < orbs.size(); row++) {
            ids.add(orbs.id(row));
        }
        return ids;
    }

    private static int totalScore(World world) {
        int total = 0;
        for (int row = 0; row < world.table(PLAYERS).size(); row++) {
            total += world.table(PLAYERS).getInt(row, ArenaSchemas.PLAYER_SCORE);
        }
        for (int row = 0; row < world.table(NPCS).size(); row++) {
            total += world.table(NPCS).getInt(row, ArenaSchemas.NPC_SCORE);
        }
        return total;
    }

    private static byte[] fullSnapshot(ArenaScript script) {
        Snapshot snapshot = script.newSnapshot();
        snapshot.capture(script.world(), script.tick());
        Output out = new Output(8192, -1);
        new DeltaEncoder().encode(snapshot, null, null, out);
        return out.toBytes();
    }
}
