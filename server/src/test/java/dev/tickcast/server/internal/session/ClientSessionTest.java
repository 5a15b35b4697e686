package dev.tickcast.server.internal.session;

import dev.tickcast.game.Identity;

import dev.tickcast.server.internal.match.Claim;
import dev.tickcast.wire.JoinMessage;
import dev.tickcast.wire.Protocol;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client session's JOIN, its dispatch of messages to the room and its close, without a socket. */
class ClientSessionTest extends SessionFixture {
    @Test
    void shouldSeatANewPlayerWithTheTokenOfItsJoin() {
        joined();
        assertEquals(List.of("seat-1"), tokens);
        assertEquals(List.of("join"), room.calls);
        assertSame(transport, room.sessions.get(0).link(), "the room writes to the transport's link");
        assertEquals("ann", room.sessions.get(0).name());
        assertTrue(session.joined());
        assertEquals(0, transport.closes);
    }

    @Test
    void shouldResumeADroppedSeatAndWatchAsASpectator() {
        admission = new Admission(Claim.Status.OK, room, Identity.guest("ann"), 3, "reconnect-1");
        joined();
        assertEquals(List.of("resume 3"), room.calls);

        SessionFixture spectator = new SessionFixture() { };
        spectator.admission = new Admission(Claim.Status.OK, spectator.room, Identity.guest("admin"), Admission.SPECTATOR, null);
        spectator.joined();
        assertEquals(List.of("watch"), spectator.room.calls);
    }

    @Test
    void shouldRefuseAJoinWithTheCodeOfItsClaim() {
        assertEquals(Protocol.CLOSE_BAD_SEAT, refusedWith(Claim.Status.INVALID));
        assertEquals(Protocol.CLOSE_SEAT_EXPIRED, refusedWith(Claim.Status.EXPIRED));
        assertEquals(Protocol.CLOSE_SEAT_USED, refusedWith(Claim.Status.USED));
        assertEquals(Protocol.CLOSE_ROOM_CLOSED, refusedWith(Claim.Status.ROOM_CLOSED));
    }

    @Test
    void shouldRefuseABadVersionAndAMalformedJoinWithoutClaimingTheToken() {
        open(DEFAULTS);
        session.onMessage(frame(new JoinMessage(1, "seat-1")));
        assertEquals(Protocol.CLOSE_BAD_VERSION, transport.serverCode);
        assertEquals("protocol version 1 not supported", transport.reason);

        SessionFixture malformed = new SessionFixture() { };
        malformed.open(DEFAULTS);
        malformed.session.onMessage(bytes(0x10, 0x01));
        assertEquals(Protocol.CLOSE_INVALID_PAYLOAD, malformed.transport.serverCode);
        assertEquals("malformed join", malformed.transport.reason);
        assertEquals(List.of(), tokens);
        assertEquals(List.of(), malformed.tokens);
    }

    @Test
    void shouldCloseAnUnknownTypeWith4000AndAnotherFirstMessageWith4001() {
        assertEquals("4000: unknown message type 127", firstMessage(bytes(0x7F)));
        assertEquals("4000: unknown message type 32", firstMessage(bytes(0x20)), "a server message type");
        assertEquals("4001: join first", firstMessage(input(1)));
        assertEquals("4001: join first", firstMessage(ping()));
        assertEquals("4001: join first", firstMessage(chat("hi")));
        assertEquals("4001: join first", firstMessage(game(1)));
        assertEquals("1007: empty message", firstMessage(bytes()));
    }

    @Test
    void shouldLetInputsWaitForTheStepAndAskTheRoomToDrainForAnythingElse() {
        joined();
        send(input(1), 3);
        assertEquals(0, room.drains(), "inputs wait in the inbox for the room's step");
        session.onMessage(ping());
        session.onMessage(chat("hi"));
        session.onMessage(game(1));
        assertEquals(3, room.drains());
        assertSame(room.sessions.get(0), room.sessions.get(room.sessions.size() - 1), "one session throughout");
    }

    @Test
    void shouldLeaveUnknownTypesAndASecondJoinAfterTheJoinToTheRoomInOrder() {
        joined();
        session.onMessage(bytes(0x7F));
        session.onMessage(join("seat-2"));
        assertEquals(2, room.drains(), "the room answers them (4000, 4003) after the messages before them");
        assertEquals(0, transport.closes);
        assertEquals(List.of("seat-1"), tokens, "no second claim");
    }

    @Test
    void shouldCloseWhenTheRoomStopsTakingMessages() {
        open(new SessionLimits(1e9, 1_000_000, 2, 5, 20, 40, 15_000, 5_000, 5_000, 1 << 20));
        session.onMessage(join("seat-1"));
        for (int i = 1; i <= 10_000 && transport.closes == 0; i++) {
            session.onMessage(input(i));
        }
        assertEquals(Protocol.CLOSE_RATE_LIMITED, transport.serverCode);
        assertEquals("messages faster than the room takes them", transport.reason);
    }

    @Test
    void shouldPassOnlyPingsOfASpectatorToTheRoomUnderTheSameLimits() {
        admission = new Admission(Claim.Status.OK, room, Identity.guest("admin"), Admission.SPECTATOR, null);
        joined();
        session.onMessage(input(1));
        session.onMessage(chat("hi"));
        session.onMessage(game(1));
        session.onMessage(join("seat-2"));
        session.onMessage(bytes(0x7F));
        assertEquals(0, room.drains(), "ignored");
        session.onMessage(ping());
        assertEquals(1, room.drains());
        assertEquals(0, transport.closes);
        send(input(2), 113);
        assertEquals(0, transport.closes, "120 messages in all, the JOIN included");
        session.onMessage(input(3));
        assertEquals("message rate limit", transport.reason);
    }

    @Test
    void shouldLeaveOnANormalCloseOrAViolationAndDropOtherwise() {
        assertEquals("leave", closedWith(Protocol.CLOSE_NORMAL, 0));
        assertEquals("drop", closedWith(-1, 0), "no close frame");
        assertEquals("drop", closedWith(Protocol.CLOSE_GOING_AWAY, 0));
        assertEquals("drop", closedWith(4999, 0), "the SDK's resync close");
        assertEquals("drop", closedWith(-1, Protocol.CLOSE_TIMEOUT));
        assertEquals("drop", closedWith(-1, Protocol.CLOSE_SLOW_CONSUMER));
        assertEquals("drop", closedWith(Protocol.CLOSE_NORMAL, Protocol.CLOSE_GOING_AWAY), "the server's shutdown");
        assertEquals("leave", closedWith(-1, Protocol.CLOSE_INVALID_PAYLOAD));
        assertEquals("leave", closedWith(-1, Protocol.CLOSE_RATE_LIMITED));
        assertEquals("leave", closedWith(-1, Protocol.CLOSE_KICKED));
        assertEquals("leave", closedWith(-1, (short) 1002), "a malformed frame (ViolationGuard)");
    }

    @Test
    void shouldTellTheRoomNothingWhenAConnectionThatNeverJoinedCloses() {
        open(DEFAULTS);
        transport.clientCode = Protocol.CLOSE_NORMAL;
        session.onClosed();
        assertEquals(List.of(), room.calls);
        assertEquals(0, room.tasks);
    }

    @Test
    void shouldLogEachCloseOfTheSessionAsAViolationOnce() {
        joined();
        session.close(Protocol.CLOSE_GOING_AWAY, "server shutting down");
        session.close(Protocol.CLOSE_GOING_AWAY, "server shutting down");
        assertEquals(1, transport.closes);
        assertEquals(List.of("1001: server shutting down"), transport.violations);
    }

    private short refusedWith(Claim.Status status) {
        SessionFixture f = new SessionFixture() { };
        f.admission = Admission.refused(status);
        f.joined();
        assertEquals(List.of(), f.room.calls);
        return f.transport.serverCode;
    }

    private static String firstMessage(io.vertx.core.buffer.Buffer message) {
        SessionFixture f = new SessionFixture() { };
        f.open(DEFAULTS);
        f.session.onMessage(message);
        assertEquals(List.of(), f.tokens);
        return f.transport.serverCode + ": " + f.transport.reason;
    }

    private static String closedWith(int clientCode, int serverCode) {
        SessionFixture f = new SessionFixture() { };
        f.joined();
        f.transport.clientCode = clientCode;
        f.transport.serverCode = (short) serverCode;
        f.session.onClosed();
        assertEquals("join", f.room.calls.get(0));
        assertEquals(2, f.room.calls.size());
        return f.room.calls.get(1);
    }
}
