package dev.tickcast.tanks;

import dev.tickcast.game.GameSpec;
import dev.tickcast.game.InputReader;
import dev.tickcast.game.testing.LocalRoom;
import dev.tickcast.state.Table;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TankGameTest {
    private static final long SEED = 42;
    private static final int HZ = TankGame.SPEC.tickHz();

    private static Table tanks(LocalRoom room) {
        return room.world().table(1);
    }

    private static Table shells(LocalRoom room) {
        return room.world().table(2);
    }

    private static Table round(LocalRoom room) {
        return room.world().table(0);
    }

    private static int rowOf(LocalRoom room, int player) {
        Table t = tanks(room);
        for (int row = 0; row < t.size(); row++) {
            if (t.getInt(row, TankSchemas.TANK_PLAYER) == player) {
                return row;
            }
        }
        throw new AssertionError("no tank for player " + player);
    }

    private static float x(LocalRoom room, int player) {
        return tanks(room).getFloat(rowOf(room, player), TankSchemas.TANK_X);
    }

    private static float y(LocalRoom room, int player) {
        return tanks(room).getFloat(rowOf(room, player), TankSchemas.TANK_Y);
    }

    private static int hp(LocalRoom room, int player) {
        return tanks(room).getInt(rowOf(room, player), TankSchemas.TANK_HP);
    }

    private static int kills(LocalRoom room, int player) {
        return tanks(room).getInt(rowOf(room, player), TankSchemas.TANK_KILLS);
    }

    /** Steps until the next FIRE is past the cooldown. */
    private static void cooldown(LocalRoom room) {
        room.step(Math.round(TankGame.FIRE_COOLDOWN_SECONDS * room.tickHz()));
    }

    @Test
    void schemaIsWithinTheWireLimitsAndRatesAreTheSpec() {
        assertEquals("tanks", TankGame.SPEC.name());
        assertEquals(30, TankGame.SPEC.tickHz());
        assertEquals(15.0, TankGame.SPEC.snapshotHz());
        assertEquals(8, TankGame.SPEC.maxPlayers());
        assertEquals("/tanks/", TankGame.SPEC.page());
        assertEquals(List.of(TankGame.SPEC), new TanksProvider().games());
        LocalRoom room = LocalRoom.create(TankGame.SPEC, SEED);
        assertEquals(List.of("round", "tank", "shell"),
                room.world().schemas().stream().map(s -> s.name()).toList());
    }

    @Test
    void inputByteLayout() {
        assertEquals(0b0101, TankInput.IDLE);
        assertEquals(0b1010, TankInput.encode(1, 1));
        assertEquals(0b0000, TankInput.encode(-1, -1));
        for (int turn = -1; turn <= 1; turn++) {
            for (int throttle = -1; throttle <= 1; throttle++) {
                int b = TankInput.encode(turn, throttle);
                assertTrue(TankInput.valid(b));
                assertEquals(turn, TankInput.turn(b));
                assertEquals(throttle, TankInput.throttle(b));
            }
        }
        assertFalse(TankInput.valid(0b0011), "turn + 1 = 3");
        assertFalse(TankInput.valid(0b1100), "throttle + 1 = 3");
        assertFalse(TankInput.valid(0x15), "high bits must be 0");
    }

    @Test
    void malformedInputIsRefused() {
        LocalRoom room = LocalRoom.create(TankGame.SPEC, SEED);
        int p = room.join("ann");
        assertTrue(room.input(p, (byte) TankInput.encode(1, 1)));
        assertFalse(room.input(p), "empty");
        assertFalse(room.input(p, (byte) TankInput.IDLE, (byte) 0), "trailing byte");
        assertFalse(room.input(p, (byte) 0x0F), "turn and throttle out of range");
    }

    /** One second of full throttle, and of turning, covers the same distance and angle at 30 and 60 Hz. */
    @Test
    void movementPerSecondIsTheSameAt30And60Hz() {
        float[] at30 = driveOneSecond(TankGame.SPEC.rates(30, 15));
        float[] at60 = driveOneSecond(TankGame.SPEC.rates(60, 20));
        assertEquals(TankGame.TANK_SPEED, at30[0], 0.01f, "30 Hz: units in one second");
        assertEquals(at30[0], at60[0], 0.01f, "distance per second");
        assertEquals(TankGame.TURN_RATE, at30[1], 1e-4f, "30 Hz: radians in one second");
        assertEquals(at30[1], at60[1], 1e-4f, "turn per second");
    }

    private static float[] driveOneSecond(GameSpec spec) {
        LocalRoom room = LocalRoom.create(spec, SEED);
        int p = room.join("ann");
        Table t = tanks(room);
        float x0 = x(room, p);
        float y0 = y(room, p);
        room.input(p, (byte) TankInput.encode(0, 1));
        room.step(spec.tickHz());
        float distance = (float) Math.hypot(x(room, p) - x0, y(room, p) - y0);
        float h0 = t.getFloat(rowOf(room, p), TankSchemas.TANK_HEADING);
        room.input(p, (byte) TankInput.encode(1, 0));
        room.step(spec.tickHz());
        float h1 = t.getFloat(rowOf(room, p), TankSchemas.TANK_HEADING);
        float turned = (float) ((h1 - h0 + 4 * Math.PI) % (2 * Math.PI));
        return new float[] {distance, turned};
    }

    @Test
    void theFirstTwoTanksFaceEachOtherAcrossTheCentre() {
        LocalRoom room = LocalRoom.create(TankGame.SPEC, SEED);
        int a = room.join("ann");
        int b = room.join("bob");
        assertEquals(TankGame.WORLD_SIZE, x(room, a) + x(room, b), 0.01f);
        assertEquals(TankGame.WORLD_SIZE, y(room, a) + y(room, b), 0.01f);
        float distance = (float) Math.hypot(x(room, a) - x(room, b), y(room, a) - y(room, b));
        assertEquals(2 * TankGame.SPAWN_RING, distance, 0.01f);
    }

    @Test
    void fireSpawnsAShellThatFliesAndExpires() {
        LocalRoom room = LocalRoom.create(TankGame.SPEC, SEED);
        int p = room.join("ann");
        int aimAway = aimByte(x(room, p), y(room, p), x(room, p) + 1, y(room, p)); // +x, nobody there
        assertTrue(room.message(p, TankGame.FIRE, (byte) aimAway));
        Table s = shells(room);
        assertEquals(1, s.size());
        assertEquals(tanks(room).id(rowOf(room, p)), s.getInt(0, TankSchemas.SHELL_OWNER));
        float sx = s.getFloat(0, TankSchemas.SHELL_X);
        room.step(1);
        assertEquals(TankGame.SHELL_SPEED / HZ, s.getFloat(0, TankSchemas.SHELL_X) - sx, 1e-3f, "one step of flight");
        // The tank sits at x <= 800 and the field ends at 1000: the shell leaves it before its time is up.
        room.step(HZ * 2);
        assertEquals(0, s.size(), "left the field");

        // Towards the farthest corner, at least 940 units away from any spawn point: the shell's 900
        // units of flight stay inside the field, so only its time to live ends it.
        LocalRoom far = LocalRoom.create(TankGame.SPEC, 3);
        int q = far.join("cat");
        float qx = x(far, q);
        float qy = y(far, q);
        float cornerX = qx < TankGame.WORLD_SIZE / 2 ? TankGame.WORLD_SIZE : 0;
        float cornerY = qy < TankGame.WORLD_SIZE / 2 ? TankGame.WORLD_SIZE : 0;
        assertTrue(Math.hypot(cornerX - qx, cornerY - qy) > 940);
        assertTrue(far.message(q, TankGame.FIRE, (byte) aimByte(qx, qy, cornerX, cornerY)));
        int ttl = Math.round(TankGame.SHELL_SECONDS * HZ);
        far.step(ttl - 1);
        assertEquals(1, shells(far).size(), "still flying on its last step but one");
        far.step(1);
        assertEquals(0, shells(far).size(), "expired after " + TankGame.SHELL_SECONDS + " s");
        assertEquals(0, ((TankGame) far.game()).shellsInFlight());
    }

    @Test
    void aHitSendsHitToEveryoneAndRemovesTheShell() {
        LocalRoom room = LocalRoom.create(TankGame.SPEC, SEED);
        int a = room.join("ann");
        int b = room.join("bob");
        int c = room.join("cat");
        float distance = (float) Math.hypot(x(room, a) - x(room, b), y(room, a) - y(room, b));
        assertTrue(room.message(a, TankGame.FIRE), "an empty FIRE fires along the turret: at bob");
        int flight = (int) Math.ceil(distance / (TankGame.SHELL_SPEED / HZ));
        room.step(flight);
        List<LocalRoom.Sent> hits = room.sent(TankGame.HIT);
        assertEquals(3, hits.size(), "one HIT to each of the three players");
        for (LocalRoom.Sent hit : hits) {
            assertArrayEquals(new byte[] {(byte) a, (byte) b, (byte) (TankGame.MAX_HP - 1)}, hit.payload());
        }
        assertEquals(List.of(a, b, c), hits.stream().map(LocalRoom.Sent::playerId).toList());
        assertEquals(0, shells(room).size(), "removed on the hit");
        assertEquals(TankGame.MAX_HP - 1, hp(room, b));
    }

    @Test
    void theLastHitPointScoresAKillAndRespawns() {
        LocalRoom room = LocalRoom.create(TankGame.SPEC, SEED);
        int a = room.join("ann");
        int b = room.join("bob");
        for (int shot = 0; shot < TankGame.MAX_HP; shot++) {
            assertTrue(room.message(a, TankGame.FIRE));
            cooldown(room);
            room.step(HZ * 2);
        }
        assertEquals(TankGame.MAX_HP, room.sent(TankGame.HIT).size() / 2);
        LocalRoom.Sent last = room.sent(TankGame.HIT).get(room.sent(TankGame.HIT).size() - 1);
        assertArrayEquals(new byte[] {(byte) a, (byte) b, 0}, last.payload(), "hp 0: a kill");
        assertEquals(1, kills(room, a));
        assertEquals(1, tanks(room).getInt(rowOf(room, b), TankSchemas.TANK_DEATHS));
        assertEquals(TankGame.MAX_HP, hp(room, b), "respawned with full hp");
        float fromA = (float) Math.hypot(x(room, b) - x(room, a), y(room, b) - y(room, a));
        assertEquals(2 * TankGame.SPAWN_RING, fromA, 0.01f, "respawned on the spawn point farthest from ann");
    }

    @Test
    void fireWithinTheCooldownIsIgnored() {
        LocalRoom room = LocalRoom.create(TankGame.SPEC, SEED);
        int p = room.join("ann");
        assertTrue(room.message(p, TankGame.FIRE));
        assertTrue(room.message(p, TankGame.FIRE), "ignored, not malformed");
        room.step(1);
        assertTrue(room.message(p, TankGame.FIRE));
        assertEquals(1, shells(room).size());
        room.step(Math.round(TankGame.FIRE_COOLDOWN_SECONDS * HZ) - 1);
        assertTrue(room.message(p, TankGame.FIRE));
        assertEquals(2, shells(room).size(), "fires again after " + TankGame.FIRE_COOLDOWN_SECONDS + " s");
    }

    @Test
    void malformedOrUnknownMessagesAreRefused() {
        LocalRoom room = LocalRoom.create(TankGame.SPEC, SEED);
        int p = room.join("ann");
        assertFalse(room.message(p, TankGame.FIRE, (byte) 1, (byte) 2), "two bytes");
        assertFalse(room.message(p, TankGame.HIT), "HIT goes down only");
        assertFalse(room.message(p, 200, (byte) 1), "unknown type");
        assertEquals(0, shells(room).size());
        InputReader reader = new InputReader();
        reader.reset(new byte[0], 0, 0);
        assertTrue(room.game().onMessage(p, TankGame.FIRE, reader));
    }

    @Test
    void aRoundEndsAfterItsTimeAndPublishesTheScores() {
        LocalRoom room = LocalRoom.create(TankGame.SPEC, SEED);
        int a = room.join("ann");
        int b = room.join("bob");
        assertTrue(room.message(a, TankGame.FIRE));
        int roundTicks = TankGame.ROUND_SECONDS * HZ;
        assertEquals(roundTicks, round(room).getInt(0, TankSchemas.ROUND_END_TICK));
        room.step(roundTicks - 1);
        assertEquals(List.of(), room.events());
        room.step(1);
        assertEquals(1, room.events().size());
        LocalRoom.Event event = room.events().get(0);
        assertEquals(TankGame.ROUND_OVER_EVENT, event.name());
        assertEquals(1, event.data().get("round"));
        assertNull(event.data().get("winner"), "no kill: a draw");
        assertEquals(List.of(Map.of("name", "ann", "kills", 0, "deaths", 0),
                Map.of("name", "bob", "kills", 0, "deaths", 0)), event.data().get("scores"), "a tie: by name");
        assertEquals(2, round(room).getInt(0, TankSchemas.ROUND_NUMBER));
        assertEquals(2 * roundTicks, round(room).getInt(0, TankSchemas.ROUND_END_TICK));
        List<LocalRoom.Sent> over = room.sent(TankGame.ROUND_OVER);
        assertEquals(List.of(a, b), over.stream().map(LocalRoom.Sent::playerId).toList());
        assertArrayEquals(new byte[] {1, 0}, over.get(0).payload(), "round 1, winner \"\"");
        assertEquals(TankGame.MAX_HP, hp(room, b), "hp reset");
    }

    @Test
    void theKillLimitEndsTheRoundWithAWinner() {
        LocalRoom room = LocalRoom.create(TankGame.SPEC, SEED);
        int a = room.join("ann");
        int b = room.join("bob");
        int shots = 0;
        while (room.events().isEmpty() && shots < 100) {
            aimAt(room, a, b);
            shots++;
            cooldown(room);
            room.step(HZ);
        }
        assertEquals(TankGame.KILL_LIMIT * TankGame.MAX_HP, shots, "every shot hit");
        Map<String, Object> data = room.events().get(0).data();
        assertEquals("ann", data.get("winner"));
        assertEquals(List.of(Map.of("name", "ann", "kills", TankGame.KILL_LIMIT, "deaths", 0),
                Map.of("name", "bob", "kills", 0, "deaths", TankGame.KILL_LIMIT)), data.get("scores"));
        assertEquals(0, kills(room, a), "scores reset for round 2");
        byte[] payload = room.sent(TankGame.ROUND_OVER).get(0).payload();
        assertArrayEquals(new byte[] {1, 3, 'a', 'n', 'n'}, payload);
    }

    @Test
    void theServerCanEndARound() {
        LocalRoom room = LocalRoom.create(TankGame.SPEC, SEED);
        room.join("ann");
        room.step(10);
        assertFalse(room.serverMessage(Map.of("action", "nothing")));
        assertFalse(room.serverMessage(Map.of()));
        assertEquals(List.of(), room.events());
        assertTrue(room.serverMessage(Map.of("action", "endRound")));
        assertEquals(1, room.events().size());
        assertEquals(2, round(room).getInt(0, TankSchemas.ROUND_NUMBER));
        assertEquals(10 + TankGame.ROUND_SECONDS * HZ, round(room).getInt(0, TankSchemas.ROUND_END_TICK));
    }

    @Test
    void aLeavingPlayerTakesItsTankAndShells() {
        LocalRoom room = LocalRoom.create(TankGame.SPEC, SEED);
        int a = room.join("ann");
        room.join("bob");
        room.message(a, TankGame.FIRE);
        room.leave(a);
        assertEquals(1, tanks(room).size());
        assertEquals(0, shells(room).size());
        room.step(HZ * 3);
        assertEquals(List.of(), room.sent(TankGame.HIT));
    }

    @Test
    void sameSeedSameGame() {
        assertEquals(play(7), play(7));
    }

    private static String play(long seed) {
        LocalRoom room = LocalRoom.create(TankGame.SPEC, seed);
        int a = room.join("ann");
        int b = room.join("bob");
        StringBuilder trace = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            room.input(a, (byte) TankInput.encode(i / 20 % 3 - 1, i / 30 % 3 - 1));
            room.input(b, (byte) TankInput.encode(i / 25 % 3 - 1, 1));
            room.message(i % 2 == 0 ? a : b, TankGame.FIRE);
            room.step(1);
            trace.append(x(room, a)).append(',').append(y(room, b)).append(',').append(shells(room).size()).append(';');
        }
        return trace.append(room.sent().size()).toString();
    }

    /** FIRE from {@code shooter} aimed at {@code target}'s current position. */
    private static void aimAt(LocalRoom room, int shooter, int target) {
        int aim = aimByte(x(room, shooter), y(room, shooter), x(room, target), y(room, target));
        assertTrue(room.message(shooter, TankGame.FIRE, (byte) aim));
    }

    static int aimByte(float fromX, float fromY, float toX, float toY) {
        double angle = Math.atan2(toY - fromY, toX - fromX);
        return (int) Math.round((angle < 0 ? angle + 2 * Math.PI : angle) * 256 / (2 * Math.PI)) & 0xFF;
    }
}
