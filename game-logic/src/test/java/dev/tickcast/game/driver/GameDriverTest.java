package dev.tickcast.game.driver;

import dev.tickcast.game.Identity;
import dev.tickcast.wire.Protocol;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GameDriverTest {
    private static final byte[] NONE = new byte[0];

    /** A host that records what the driver hands it; seats in {@code unreachable} are not connected. */
    static final class Port implements RoomPort {
        final List<String> frames = new ArrayList<>();
        final List<String> faults = new ArrayList<>();
        final List<String> kicks = new ArrayList<>();
        final Set<Integer> unreachable = new HashSet<>();
        int flushes;

        @Override
        public boolean reachable(int seat) {
            return !unreachable.contains(seat);
        }

        @Override
        public void send(int seat, byte[] frame, int length) {
            assertEquals(Protocol.typeByte(Protocol.GAME_MESSAGE), frame[0] & 0xFF);
            frames.add(seat + ":" + frame[1]);
        }

        @Override
        public void flush() {
            flushes++;
        }

        @Override
        public void kick(int seat, String reason) {
            kicks.add(seat + ":" + reason);
        }

        @Override
        public void publish(String name, Map<String, Object> data) {
        }

        @Override
        public void onFault(String callback, RuntimeException fault) {
            faults.add(callback + ": " + fault.getMessage());
        }

        long sentTo(int seat) {
            return frames.stream().filter(f -> f.startsWith(seat + ":")).count();
        }
    }

    private final Port port = new Port();

    private GameDriver driver(int seats, ProbeGame game) {
        GameDriver d = new GameDriver(ProbeGame.spec(seats, () -> game), "r1", 7, port);
        assertTrue(d.create());
        return d;
    }

    @Test
    void shouldCreateTheGameAndStepWithTheTickAlreadyAdvanced() {
        ProbeGame game = new ProbeGame();
        GameDriver d = driver(2, game);
        assertEquals(List.of("onCreate"), game.calls);
        assertSame(d.context(), game.room());
        assertEquals("r1", game.room().roomId());
        assertEquals(7, game.room().seed());
        assertThrows(IllegalStateException.class, () -> d.world().createTable(ProbeGame.DOT), "frozen");
        assertEquals(0, d.tick());
        assertTrue(d.step());
        assertTrue(d.step());
        assertEquals(2, d.tick());
        assertEquals(List.of("onCreate", "step 1 1", "step 2 2"), game.calls, "context tick = the tick being stepped");
    }

    @Test
    void shouldRefuseCallsBeforeCreate() {
        GameDriver d = new GameDriver(ProbeGame.spec(2, ProbeGame::new), "r1", 7, port);
        assertThrows(IllegalStateException.class, () -> d.join(Identity.guest("ann")));
        assertThrows(IllegalStateException.class, d::step);
    }

    @Test
    void shouldSeatPlayersInTheFirstFreeSeatUpToTheLimit() {
        ProbeGame game = new ProbeGame();
        GameDriver d = driver(2, game);
        Admission ann = d.join(Identity.guest("ann"));
        assertTrue(ann.admitted());
        assertEquals(0, ann.seat());
        assertEquals(0, ann.entity());
        assertEquals(1, d.join(Identity.guest("bob")).seat());
        game.calls.clear();

        Admission full = d.join(Identity.guest("cat"));
        assertEquals(Verdict.ROOM_FULL, full.verdict());
        assertEquals(Protocol.CLOSE_ROOM_CLOSED, full.closeCode());
        assertEquals("room full", full.reason());
        assertEquals(-1, full.seat());
        assertEquals(List.of(), game.calls, "the game is not asked when the room is full");

        assertTrue(d.leave(0));
        assertFalse(d.leave(0), "already free");
        Admission cat = d.join(Identity.guest("cat"));
        assertEquals(0, cat.seat(), "seats are reused");
        assertEquals(2, d.players());
        assertEquals(List.of("onLeave 0", "onJoinRequest cat 1", "onJoin 0 cat"), game.calls);
    }

    @Test
    void shouldRefuseAJoinTheGameRefuses() {
        ProbeGame game = new ProbeGame();
        GameDriver d = driver(4, game);
        d.join(Identity.guest("ann"));
        game.refuseJoins = "no bobs";
        Admission bob = d.join(Identity.guest("bob"));
        assertFalse(bob.admitted());
        assertEquals(Verdict.JOIN_REFUSED, bob.verdict());
        assertEquals(Protocol.CLOSE_POLICY, bob.closeCode());
        assertEquals("no bobs", bob.reason());
        assertEquals(1, d.players());
        assertFalse(d.seated(1));
        assertEquals(List.of("onCreate", "onJoinRequest ann 0", "onJoin 0 ann", "onJoinRequest bob 1"), game.calls);
    }

    @Test
    void shouldTakeOnlyIncreasingInputSequences() {
        ProbeGame game = new ProbeGame();
        GameDriver d = driver(2, game);
        int seat = d.join(Identity.guest("ann")).seat();
        game.calls.clear();
        assertEquals(Verdict.SEQUENCE_NOT_INCREASING, d.input(seat, 0, 0, NONE, 0, 0), "the first sequence is 1");
        assertEquals(Verdict.ACCEPTED, d.input(seat, 1, 0, NONE, 0, 0));
        assertEquals(Verdict.SEQUENCE_NOT_INCREASING, d.input(seat, 1, 0, NONE, 0, 0));
        assertEquals(Protocol.CLOSE_INVALID_PAYLOAD, Verdict.SEQUENCE_NOT_INCREASING.closeCode());
        assertEquals("input sequence not increasing", d.reason());
        assertEquals(Verdict.BAD_SEQUENCE, d.input(seat, -1, 0, NONE, 0, 0));
        assertEquals("bad input sequence", d.reason());
        assertEquals(Verdict.ACCEPTED, d.input(seat, 5, 0, NONE, 0, 0), "gaps are allowed");
        assertEquals(5, d.lastSeq(seat));
        assertEquals(List.of("onInput 0 1", "onInput 0 5"), game.calls, "refused sequences never reach the game");
        assertEquals(5, d.counters().inputs());
        assertEquals(2, d.counters().inputsAccepted());
    }

    @Test
    void shouldKeepTheSequenceOnAResumptionAndRestartItOnATakeOver() {
        ProbeGame game = new ProbeGame();
        GameDriver d = driver(2, game);
        int seat = d.join(Identity.guest("ann")).seat();
        assertEquals(Verdict.ACCEPTED, d.input(seat, 7, 0, NONE, 0, 0));
        game.calls.clear();
        assertTrue(d.resume(seat));
        assertEquals(7, d.lastSeq(seat), "the same client continues its numbering");
        assertTrue(d.takeOver(seat));
        assertEquals(0, d.lastSeq(seat), "another client numbers from 1");
        assertEquals(Verdict.ACCEPTED, d.input(seat, 1, 0, NONE, 0, 0));
        assertEquals(List.of("onInput 0 1"), game.calls, "neither is told to the game");
        assertFalse(d.takeOver(1), "an empty seat");
    }

    @Test
    void shouldRefuseAnInputTheGameFindsMalformedWithoutMovingTheSequence() {
        ProbeGame game = new ProbeGame();
        GameDriver d = driver(2, game);
        int seat = d.join(Identity.guest("ann")).seat();
        game.refuseInputByte = 3;
        byte[] frame = {99, 3, 4};
        assertEquals(Verdict.MALFORMED_INPUT, d.input(seat, 2, 0, frame, 1, 1), "reads bytes[offset, offset + length)");
        assertEquals(Protocol.CLOSE_INVALID_PAYLOAD, Verdict.MALFORMED_INPUT.closeCode());
        assertEquals("malformed input payload", d.reason());
        assertEquals(0, d.lastSeq(seat));
        assertEquals(Verdict.ACCEPTED, d.input(seat, 2, 0, frame, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> d.input(1, 3, 0, NONE, 0, 0), "seat 1 is empty: a host bug");
    }

    @Test
    void shouldCheckGameMessagesTypeSizeAndTheGamesAnswer() {
        ProbeGame game = new ProbeGame();
        GameDriver d = driver(2, game);
        int seat = d.join(Identity.guest("ann")).seat();
        game.refuseMessageType = 7;
        game.calls.clear();
        assertEquals(Verdict.BAD_MESSAGE_TYPE, d.message(seat, -1, 0, NONE, 0, 0));
        assertEquals(Verdict.BAD_MESSAGE_TYPE, d.message(seat, Protocol.MAX_GAME_MESSAGE_TYPE + 1, 0, NONE, 0, 0));
        assertEquals("bad game message type", d.reason());
        byte[] big = new byte[Protocol.MAX_GAME_PAYLOAD_BYTES + 1];
        assertEquals(Verdict.MESSAGE_TOO_BIG, d.message(seat, 1, 0, big, 0, big.length));
        assertEquals(Protocol.CLOSE_TOO_BIG, Verdict.MESSAGE_TOO_BIG.closeCode());
        assertEquals("game message payload over 1024 bytes", d.reason());
        assertEquals(Verdict.MESSAGE_REFUSED, d.message(seat, 7, 0, big, 0, 2));
        assertEquals(Protocol.CLOSE_INVALID_PAYLOAD, Verdict.MESSAGE_REFUSED.closeCode());
        assertEquals("game message of type 7 refused by the game", d.reason());
        assertEquals(Verdict.ACCEPTED, d.message(seat, 255, 0, big, 0, Protocol.MAX_GAME_PAYLOAD_BYTES));
        assertNull(d.reason());
        assertEquals(List.of("onMessage 0 7 2", "onMessage 0 255 1024"), game.calls);
        assertEquals(5, d.counters().gameMessages());
        assertEquals(1, d.counters().gameMessagesAccepted());
    }

    @Test
    void shouldCapGameMessagesPerRecipientPerTick() {
        ProbeGame game = new ProbeGame();
        game.burst = Protocol.MAX_GAME_MESSAGES_PER_TICK + 3;
        GameDriver d = driver(3, game);
        d.join(Identity.guest("ann"));
        d.join(Identity.guest("bob"));
        d.step();
        assertEquals(Protocol.MAX_GAME_MESSAGES_PER_TICK, port.sentTo(0));
        assertEquals(Protocol.MAX_GAME_MESSAGES_PER_TICK, port.sentTo(1));
        assertEquals(2, game.burstCounts.get(0));
        assertEquals(0, game.burstCounts.get(game.burst - 1), "over the cap: nobody got it");
        assertEquals(Protocol.MAX_GAME_MESSAGES_PER_TICK, port.flushes, "one flush per message that went out");

        port.unreachable.add(0);
        d.step();
        assertEquals(Protocol.MAX_GAME_MESSAGES_PER_TICK, port.sentTo(0), "a dropped player gets nothing");
        assertEquals(2L * Protocol.MAX_GAME_MESSAGES_PER_TICK, port.sentTo(1), "the cap starts again each tick");

        port.unreachable.clear();
        assertTrue(d.resume(0));
        game.burst = 1;
        game.burstOnMessage = 4;
        d.message(0, 4, 0, NONE, 0, 0);
        assertEquals(1, game.burstCounts.get(0), "bob is over his cap this tick; ann was not charged while away");
        assertEquals(Protocol.MAX_GAME_MESSAGES_PER_TICK + 1, port.sentTo(0));
    }

    @Test
    void shouldSendToListedSeatsExceptEmptyOnes() {
        ProbeGame game = new ProbeGame();
        GameDriver d = driver(3, game);
        d.join(Identity.guest("ann"));
        d.join(Identity.guest("bob"));
        assertEquals(1, game.room().message(1).sendTo(1));
        assertEquals(0, game.room().message(1).sendTo(2), "an empty seat");
        assertEquals(1, game.room().message(1).sendTo(new int[] {0, 2, 9}, 3));
        assertEquals(1, game.room().message(1).broadcast(0));
        assertEquals(List.of("1:1", "0:1", "1:1"), port.frames);
    }

    @Test
    void shouldFailOnceWhenTheGameThrowsAndIgnoreLaterCalls() {
        ProbeGame game = ProbeGame.throwingIn("step");
        GameDriver d = driver(2, game);
        int seat = d.join(Identity.guest("ann")).seat();
        assertFalse(d.step());
        assertTrue(d.failed());
        assertEquals(List.of("step: probe fails in step"), port.faults);

        assertFalse(d.step());
        assertEquals(Verdict.FAILED, d.input(seat, 1, 0, NONE, 0, 0));
        assertEquals(Verdict.FAILED, d.message(seat, 1, 0, NONE, 0, 0));
        assertEquals(Verdict.FAILED, d.join(Identity.guest("bob")).verdict());
        assertEquals(Protocol.CLOSE_INTERNAL_ERROR, Verdict.FAILED.closeCode());
        assertFalse(d.serverMessage(Map.of()));
        assertFalse(d.leave(seat));
        assertEquals(List.of("onCreate", "onJoinRequest ann 0", "onJoin 0 ann", "step 1 1"), game.calls);
        assertEquals(1, port.faults.size(), "reported once");

        d.dispose();
        d.dispose();
        assertEquals("onDispose", game.calls.get(game.calls.size() - 1), "the game may still release what it holds");
        assertEquals(5, game.calls.size());
        assertEquals(Verdict.DISPOSED, d.input(seat, 1, 0, NONE, 0, 0));
    }

    @Test
    void shouldReportAFailureInCreateOrInAnInput() {
        GameDriver broken = new GameDriver(ProbeGame.spec(2, () -> ProbeGame.throwingIn("onCreate")), "r", 1, port);
        assertFalse(broken.create());
        assertTrue(broken.failed());
        assertEquals(List.of("onCreate: probe fails in onCreate"), port.faults);

        ProbeGame game = ProbeGame.throwingIn("onInput");
        GameDriver d = driver(2, game);
        int seat = d.join(Identity.guest("ann")).seat();
        assertEquals(Verdict.FAILED, d.input(seat, 1, 0, NONE, 0, 0));
        assertEquals(2, port.faults.size());
        assertEquals(0, d.counters().inputsAccepted());
    }

    @Test
    void shouldReportAFaultInOnDispose() {
        ProbeGame game = ProbeGame.throwingIn("onDispose");
        GameDriver d = driver(2, game);
        d.dispose();
        assertTrue(d.disposed());
        assertEquals(List.of("onDispose: probe fails in onDispose"), port.faults);
        assertEquals(Verdict.DISPOSED, d.join(Identity.guest("ann")).verdict());
        assertFalse(d.step());
    }
}
