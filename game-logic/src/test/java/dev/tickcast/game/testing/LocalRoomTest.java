package dev.tickcast.game.testing;

import dev.tickcast.game.driver.Admission;
import dev.tickcast.game.driver.ProbeGame;
import dev.tickcast.game.driver.Verdict;
import dev.tickcast.wire.Protocol;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LocalRoom hosts a game by the rules of a real room: it drives it through the same GameDriver. */
class LocalRoomTest {
    private static LocalRoom room(int seats, ProbeGame game) {
        return LocalRoom.create(ProbeGame.spec(seats, () -> game), 5);
    }

    @Test
    void shouldRefuseAJoinTheGameRefusesAsARealRoomDoes() {
        ProbeGame game = new ProbeGame();
        game.refuseJoins = "invitation only";
        LocalRoom room = room(4, game);
        Admission refused = room.tryJoin("ann");
        assertFalse(refused.admitted());
        assertEquals(Verdict.JOIN_REFUSED, refused.verdict());
        assertEquals(Protocol.CLOSE_POLICY, refused.closeCode());
        assertEquals("invitation only", refused.reason());
        assertEquals(Verdict.JOIN_REFUSED, room.verdict());
        assertEquals("invitation only", room.reason());
        assertEquals(List.of("onCreate", "onJoinRequest ann 0"), game.calls, "onJoin is never called");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> room.join("ann"));
        assertEquals("join refused with 1008: invitation only", e.getMessage());
        assertEquals(0, room.driver().players());
    }

    @Test
    void shouldRefuseAJoinOverTheSeatLimit() {
        LocalRoom room = room(1, new ProbeGame());
        assertEquals(0, room.join("ann"));
        assertEquals(0, room.lastEntity());
        Admission full = room.tryJoin("bob");
        assertEquals(Verdict.ROOM_FULL, full.verdict());
        assertEquals(Protocol.CLOSE_ROOM_CLOSED, full.closeCode());
        room.leave(0);
        assertEquals(0, room.join("bob"), "the seat is free again");
        assertEquals(1, room.lastEntity());
    }

    @Test
    void shouldTellWhyAnInputOrAMessageIsRefused() {
        ProbeGame game = new ProbeGame();
        game.refuseInputByte = 1;
        game.refuseMessageType = 3;
        LocalRoom room = room(2, game);
        int p = room.join("ann");
        assertTrue(room.input(p, (byte) 0));
        assertSame(Verdict.ACCEPTED, room.verdict());
        assertNull(room.reason());
        assertFalse(room.input(p, (byte) 1));
        assertEquals(Protocol.CLOSE_INVALID_PAYLOAD, room.verdict().closeCode());
        assertEquals("malformed input payload", room.reason());
        assertFalse(room.input(p, 1, new byte[] {0}), "sequence 1 was used");
        assertEquals(Verdict.SEQUENCE_NOT_INCREASING, room.verdict());
        assertTrue(room.input(p, (byte) 0), "the player stays seated; the next sequence is above every one sent");
        assertEquals(List.of("onInput 0 1", "onInput 0 2", "onInput 0 3"), game.calls.subList(3, 6));

        assertFalse(room.message(p, 3));
        assertEquals(Protocol.CLOSE_INVALID_PAYLOAD, room.verdict().closeCode());
        assertEquals("game message of type 3 refused by the game", room.reason());
        assertFalse(room.message(p, 256));
        assertEquals(Verdict.BAD_MESSAGE_TYPE, room.verdict());
        assertFalse(room.message(p, 1, new byte[Protocol.MAX_GAME_PAYLOAD_BYTES + 1]));
        assertEquals(Protocol.CLOSE_TOO_BIG, room.verdict().closeCode());
        assertTrue(room.message(p, 1, (byte) 8));
    }

    @Test
    void shouldRecordGameMessagesWithinThePerTickCap() {
        ProbeGame game = new ProbeGame();
        game.burst = Protocol.MAX_GAME_MESSAGES_PER_TICK + 1;
        LocalRoom room = room(2, game);
        int ann = room.join("ann");
        int bob = room.join("bob");
        room.step(1);
        List<LocalRoom.Sent> sent = room.sent(9);
        assertEquals(2 * Protocol.MAX_GAME_MESSAGES_PER_TICK, sent.size());
        assertEquals(List.of(ann, bob), sent.subList(0, 2).stream().map(LocalRoom.Sent::playerId).toList());
        assertArrayEquals(new byte[] {5}, sent.get(10).payload());
        assertSame(sent.get(10).payload(), sent.get(11).payload(), "one payload per message");
        assertEquals(0, game.burstCounts.get(Protocol.MAX_GAME_MESSAGES_PER_TICK));
        room.step(1);
        assertEquals(4 * Protocol.MAX_GAME_MESSAGES_PER_TICK, room.sent().size());
    }

    @Test
    void shouldRethrowWhatTheGameThrowsAndRefuseLaterCalls() {
        ProbeGame game = ProbeGame.throwingIn("onJoin");
        LocalRoom room = room(2, game);
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> room.join("ann"));
        assertEquals("probe fails in onJoin", thrown.getMessage());
        assertTrue(room.driver().failed());
        IllegalStateException later = assertThrows(IllegalStateException.class, () -> room.step(1));
        assertSame(thrown, later.getCause());
        room.dispose();
        assertEquals("onDispose", game.calls.get(game.calls.size() - 1));
        assertThrows(IllegalStateException.class, () -> room.input(0, (byte) 1));

        assertThrows(IllegalStateException.class,
                () -> LocalRoom.create(ProbeGame.spec(1, () -> ProbeGame.throwingIn("onCreate")), 1));
    }

    @Test
    void shouldPassServerMessagesAndTicks() {
        ProbeGame game = new ProbeGame();
        LocalRoom room = room(2, game);
        assertTrue(room.serverMessage(Map.of("a", 1)));
        room.step(3);
        assertEquals(3, room.tick());
        assertEquals("step 3 3", game.calls.get(game.calls.size() - 1));
        assertSame(room.world(), game.room().world());
        assertEquals("local", room.roomId());
    }

    @Test
    void shouldKeepTheGamesMarksAndRefuseALongOne() {
        LocalRoom room = room(2, new ProbeGame());
        room.mark("round 1");
        room.mark("é".repeat(100)); // 200 UTF-8 bytes: the most
        assertEquals(List.of("round 1", "é".repeat(100)), room.marks());
        assertThrows(IllegalArgumentException.class, () -> room.mark("é".repeat(100) + "x"));
        assertThrows(IllegalArgumentException.class, () -> room.mark(null));
        assertEquals(2, room.marks().size());
    }
}
