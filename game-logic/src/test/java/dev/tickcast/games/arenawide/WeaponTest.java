package dev.tickcast.games.arenawide;

import dev.tickcast.game.rewind.ViewReason;
import dev.tickcast.game.rewind.ViewStamp;
import dev.tickcast.game.testing.LocalRoom;
import dev.tickcast.games.arena.ArenaSchemas;
import dev.tickcast.state.Table;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Arena-Wide's scoring weapon in a LocalRoom: a shot hits another player's body at the aim, never the
 * shooter's own, and is answered to the shooter alone with hit, clamped, reason and the nanoseconds taken.
 */
class WeaponTest {
    private LocalRoom room;
    private Table players;
    private int shooter;
    private int target;

    @BeforeEach
    void twoPlayers() {
        room = LocalRoom.create(ArenaWideGame.SPEC, 7);
        shooter = room.join("shooter");
        place(room.lastEntity(), 1100, 1000);
        room.join("target");
        target = room.lastEntity();
        players = room.world().table(WideBots.PLAYERS);
        place(target, 1000, 1000);
    }

    private void place(int entity, float x, float y) {
        Table t = room.world().table(WideBots.PLAYERS);
        int row = t.rowOf(entity);
        t.setFloat(row, ArenaSchemas.PLAYER_X, x);
        t.setFloat(row, ArenaSchemas.PLAYER_Y, y);
    }

    @Test
    void shouldHitAnotherPlayersBodyInThePresent() {
        float radius = players.getFloat(players.rowOf(target), ArenaSchemas.PLAYER_RADIUS);
        assertEquals(20f, radius, "a new player's body");
        assertTrue(room.message(shooter, Weapon.SHOOT, shot(1000, 1000 + radius - 0.5f, Weapon.PRESENT)));
        assertTrue(room.message(shooter, Weapon.SHOOT, shot(1000 - radius - 0.5f, 1000, Weapon.PRESENT)));
        assertTrue(room.message(shooter, Weapon.SHOOT, shot(1100, 1000, Weapon.PRESENT)), "at its own body");
        List<LocalRoom.Sent> answers = room.sent(Weapon.SHOT);
        assertEquals(3, answers.size());
        for (LocalRoom.Sent answer : answers) {
            assertEquals(shooter, answer.playerId(), "the shooter alone is told");
            assertEquals(0, answer.payload()[1], "the present is never clamped");
            assertEquals(Weapon.NO_REASON, answer.payload()[2] & 0xFF);
            assertTrue(answer.payload().length >= 4, "then the nanoseconds, a varuint");
        }
        assertEquals(1, answers.get(0).payload()[0], "within the target's radius");
        assertEquals(0, answers.get(1).payload()[0], "just outside it");
        assertEquals(0, answers.get(2).payload()[0], "one's own body is no target");
        assertEquals(1000f, players.getFloat(players.rowOf(target), ArenaSchemas.PLAYER_X), "the world is unchanged");
    }

    @Test
    void shouldAnswerAShotInTheRewoundViewWithItsJudgement() {
        assertTrue(room.message(shooter, Weapon.SHOOT, shot(1000, 1000, Weapon.REWIND)));
        List<LocalRoom.Sent> answers = room.sent(Weapon.SHOT);
        assertEquals(1, answers.size());
        byte[] answer = answers.get(0).payload();
        assertEquals(1, answer[1], "a LocalRoom's messages carry no view: clamped");
        assertEquals(ViewReason.NO_VIEW.ordinal(), answer[2]);
    }

    @Test
    void shouldHitWhereTheShooterSawTheTargetWithTheRewindAndMissThereInThePresent() {
        room.step(3);
        int seen = room.snapshots().newest().tick();
        place(target, 1300, 1000); // the target moves on after the snapshot the shooter draws
        room.step(3);
        assertTrue(room.snapshots().newest().tick() > seen, "a later snapshot was sent too");
        int view = ViewStamp.of(seen, 0);
        assertTrue(room.message(shooter, Weapon.SHOOT, view, shot(1000, 1000, Weapon.REWIND)));
        assertTrue(room.message(shooter, Weapon.SHOOT, view, shot(1000, 1000, Weapon.PRESENT)));
        assertTrue(room.message(shooter, Weapon.SHOOT, view, shot(1300, 1000, Weapon.REWIND)));
        List<LocalRoom.Sent> answers = room.sent(Weapon.SHOT);
        assertEquals(3, answers.size());
        byte[] rewound = answers.get(0).payload();
        assertEquals(1, rewound[0], "the target was there in the view the shooter stamped");
        assertEquals(0, rewound[1], "its own view: not clamped");
        assertEquals(ViewReason.EXACT.ordinal(), rewound[2]);
        assertEquals(0, answers.get(1).payload()[0], "in the present the target has gone");
        assertEquals(0, answers.get(2).payload()[0], "where it is now, it was not then");
    }

    @Test
    void shouldRefuseMalformedShotsAndOtherTypes() {
        assertFalse(room.message(shooter, Weapon.SHOOT, shot(1000, 1000, 2)), "mode 2");
        assertFalse(room.message(shooter, Weapon.SHOOT, (byte) 2), "truncated");
        byte[] longer = java.util.Arrays.copyOf(shot(1000, 1000, Weapon.PRESENT), 5);
        assertFalse(room.message(shooter, Weapon.SHOOT, longer), "trailing bytes");
        assertFalse(room.message(shooter, 2, shot(1000, 1000, Weapon.PRESENT)), "no message type 2");
        assertTrue(room.sent(Weapon.SHOT).isEmpty());
    }

    /** A SHOOT payload: x * 16 and y * 16 as zig-zag varints, then the mode byte. */
    static byte[] shot(float x, float y, int mode) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, Math.round(x * Weapon.AIM_SCALE));
        varint(out, Math.round(y * Weapon.AIM_SCALE));
        out.write(mode);
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, int value) {
        int v = (value << 1) ^ (value >> 31);
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }
}
