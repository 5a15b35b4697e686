package dev.tickcast.tanks;

import dev.tickcast.game.InputReader;
import dev.tickcast.game.driver.Verdict;
import dev.tickcast.game.rewind.ViewStamp;
import dev.tickcast.game.testing.LocalRoom;
import dev.tickcast.state.Table;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rail gun in a LocalRoom: A stands still, B drives across A's line of fire, and A fires at
 * where B was in a snapshot it was sent (the room sends one every {@code snapshotEveryTicks} ticks).
 * B moves 5.3 units a tick, so ten ticks later it is 53 units from there: more than twice a tank's
 * radius, and a shot judged against the present misses.
 */
class RailGunTest {
    private static final long SEED = 42;

    private LocalRoom room;
    private int a;
    private int b;

    /** A and B spawn facing each other across the centre; B turns a quarter turn and drives on. */
    @BeforeEach
    void crossing() {
        room = LocalRoom.create(TankGame.SPEC, SEED);
        a = room.join("ann");
        b = room.join("bob");
        room.input(b, (byte) TankInput.encode(1, 0));
        room.step(Math.round((float) (Math.PI / 2 / TankGame.TURN_RATE) * room.tickHz()));
        room.input(b, (byte) TankInput.encode(0, 1));
        room.step(4);
        stepToSnapshot();
    }

    @Test
    void aMovingTargetIsHitWhereTheShooterSawIt() {
        int seen = room.tick();
        float[] there = position(b);
        room.step(10);
        assertTrue(distance(there, position(b)) > 2.5f * TankGame.TANK_RADIUS, "B has moved on");

        assertTrue(rail(a, aimAt(a, there), ViewStamp.of(seen, 0)));
        Shot shot = lastShot();
        assertEquals(a, shot.shooter);
        assertEquals(b, shot.target, "hit where it was drawn");
        assertFalse(shot.clamped, "the stamp named a snapshot A was sent, within the caps");
        assertEquals(TankGame.MAX_HP - 1, hp(b), "the hit stands though B is elsewhere now");
        assertEquals(List.of(a, b, TankGame.MAX_HP - 1), hit(), "HIT as for a shell");
        float[] end = {shot.x1, shot.y1};
        assertTrue(distance(end, there) <= TankGame.TANK_RADIUS + 1, "the beam stops at B as drawn");
    }

    @Test
    void withoutAStampTheSameShotIsJudgedAgainstThePresentAndMisses() {
        float[] there = position(b);
        room.step(10);
        assertTrue(rail(a, aimAt(a, there), ViewStamp.NONE));
        Shot shot = lastShot();
        assertEquals(-1, shot.target);
        assertTrue(shot.clamped, "no view: a clamped one");
        assertEquals(TankGame.MAX_HP, hp(b));
        assertTrue(room.sent(TankGame.HIT).isEmpty());
    }

    @Test
    void aForgedStampIsNotCredited() {
        int every = TankGame.SPEC.snapshotEveryTicks();
        float[] there = position(b);
        int neverSent = room.tick() + 1;
        room.step(10);
        assertTrue(rail(a, aimAt(a, there), ViewStamp.of(neverSent, 0)), "a tick never sent to A");
        assertMissedClamped();

        room.step(Math.round(RailGun.COOLDOWN_SECONDS * room.tickHz()));
        stepToSnapshot();
        there = position(b);
        room.step(10);
        int future = room.tick() + 4 * every;
        assertTrue(rail(a, aimAt(a, there), ViewStamp.of(future, 0)), "a tick not yet played");
        assertMissedClamped();
    }

    @Test
    void aStampThatDisagreesWithTheRoundTripIsClampedAndNotCredited() {
        int seen = room.tick();
        float[] there = position(b);
        room.step(10);
        room.latency(a, 20, 0);
        assertTrue(rail(a, aimAt(a, there), ViewStamp.of(seen, 0)), "333 ms old, with a round trip of 20 ms");
        assertMissedClamped();
    }

    @Test
    void aSnapshotHeldBackFromTheShooterCannotBeNamed() {
        room.holdSnapshots(a, true);
        int every = TankGame.SPEC.snapshotEveryTicks();
        room.step(every);
        int lost = room.tick();
        float[] there = position(b);
        room.holdSnapshots(a, false);
        room.step(10);
        assertTrue(rail(a, aimAt(a, there), ViewStamp.of(lost, 0)), "a snapshot A never got");
        assertMissedClamped();
    }

    @Test
    void aViewOlderThanTheCapIsClampedAndNotCredited() {
        int seen = room.tick();
        float[] there = position(b);
        int cap = room.tickHz() * 2 * 250 / 1000;
        room.step(cap + 6);
        assertTrue(rail(a, aimAt(a, there), ViewStamp.of(seen, 0)));
        assertMissedClamped();
    }

    @Test
    void aTankDestroyedSinceItWasSeenIsNotHit() {
        int seen = room.tick();
        float[] there = position(b);
        Table tanks = room.world().table(1);
        int row = rowOf(b);
        tanks.setInt(row, TankSchemas.TANK_DEATHS, tanks.getInt(row, TankSchemas.TANK_DEATHS) + 1);
        room.step(2);
        assertTrue(rail(a, aimAt(a, there), ViewStamp.of(seen, 0)));
        assertEquals(-1, lastShot().target, "it would strike the respawned tank");
        assertEquals(TankGame.MAX_HP, hp(b));
    }

    @Test
    void cooldownAndMalformedPayloads() {
        assertTrue(rail(a, -1, ViewStamp.NONE), "empty: along the turret");
        assertEquals(2, room.sent(TankGame.RAIL_SHOT).size(), "one RAIL_SHOT to each player");
        assertTrue(rail(a, 0, ViewStamp.NONE), "within the cooldown: taken, ignored");
        assertEquals(2, room.sent(TankGame.RAIL_SHOT).size());
        assertFalse(room.message(a, TankGame.RAIL, (byte) 0x80, (byte) 0x20), "aim 4096");
        assertEquals(Verdict.MESSAGE_REFUSED, room.verdict());
        assertFalse(room.message(a, TankGame.RAIL, (byte) 1, (byte) 0), "trailing byte");
    }

    private void stepToSnapshot() {
        int every = TankGame.SPEC.snapshotEveryTicks();
        room.step((every - room.tick() % every) % every);
    }

    private void assertMissedClamped() {
        Shot shot = lastShot();
        assertEquals(-1, shot.target, "not credited");
        assertTrue(shot.clamped, "and said so");
        assertEquals(TankGame.MAX_HP, hp(b));
    }

    /** Sends RAIL with an aim in 4096ths of a turn (-1: none) and a view stamp; true if the room took it. */
    private boolean rail(int player, int aim, int view) {
        byte[] payload = aim < 0 ? new byte[0] : aim < 128 ? new byte[] {(byte) aim}
                : new byte[] {(byte) (aim & 0x7F | 0x80), (byte) (aim >> 7)};
        return room.message(player, TankGame.RAIL, view, payload);
    }

    private int aimAt(int player, float[] target) {
        float[] from = position(player);
        double angle = StrictMath.atan2(target[1] - from[1], target[0] - from[0]);
        return (int) Math.round(angle / (2 * Math.PI) * RailGun.AIM_STEPS) & (RailGun.AIM_STEPS - 1);
    }

    private record Shot(int shooter, int x0, int y0, int x1, int y1, int target, boolean clamped) {
    }

    private Shot lastShot() {
        List<LocalRoom.Sent> sent = room.sent(TankGame.RAIL_SHOT);
        byte[] p = sent.get(sent.size() - 1).payload();
        InputReader in = new InputReader();
        in.reset(p, 0, p.length);
        Shot shot = new Shot(in.readVarUInt(), in.readVarInt(), in.readVarInt(), in.readVarInt(), in.readVarInt(),
                in.readVarInt(), in.readBool());
        assertTrue(in.complete(), "RAIL_SHOT's whole payload read");
        return shot;
    }

    private List<Integer> hit() {
        byte[] p = room.sent(TankGame.HIT).get(0).payload();
        InputReader in = new InputReader();
        in.reset(p, 0, p.length);
        return List.of(in.readVarUInt(), in.readVarUInt(), in.readVarUInt());
    }

    private int rowOf(int player) {
        Table t = room.world().table(1);
        for (int row = 0; row < t.size(); row++) {
            if (t.getInt(row, TankSchemas.TANK_PLAYER) == player) {
                return row;
            }
        }
        throw new AssertionError("no tank for player " + player);
    }

    private float[] position(int player) {
        Table t = room.world().table(1);
        int row = rowOf(player);
        return new float[] {t.getFloat(row, TankSchemas.TANK_X), t.getFloat(row, TankSchemas.TANK_Y)};
    }

    private int hp(int player) {
        return room.world().table(1).getInt(rowOf(player), TankSchemas.TANK_HP);
    }

    private static float distance(float[] p, float[] q) {
        return (float) Math.hypot(p[0] - q[0], p[1] - q[1]);
    }
}
