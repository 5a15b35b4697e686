package dev.tickcast.server.internal.session;

import dev.tickcast.wire.Protocol;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client session's deadlines, keep-alive and rate limits, on a manual clock without a socket. */
class ClientSessionLimitsTest extends SessionFixture {
    @Test
    void shouldCloseAConnectionWithoutJoinPastTheJoinDeadline() {
        open(DEFAULTS);
        session.onFrame(ClientSession.Frame.DATA);
        session.checkDeadlines(T0 + 5_000 * MS);
        assertEquals(0, transport.closes, "at the deadline itself it is still open");
        session.checkDeadlines(T0 + 5_000 * MS + 1);
        assertClosed(Protocol.CLOSE_JOIN_TIMEOUT, "no JOIN within the join deadline");
        session.checkDeadlines(T0 + 60_000 * MS);
        assertEquals(1, transport.closes, "closed once");
        assertEquals(List.of("4011: no JOIN within the join deadline"), transport.violations);
    }

    @Test
    void shouldForgetTheJoinDeadlineOnceJoined() {
        open(DEFAULTS);
        now = T0 + 4_000 * MS;
        session.onFrame(ClientSession.Frame.DATA);
        session.onMessage(join("seat-1"));
        session.checkDeadlines(T0 + 10_000 * MS);
        assertEquals(0, transport.closes);
    }

    @Test
    void shouldCloseASilentConnectionPastTheIdleTimeoutCountingEveryFrame() {
        joined();
        now = T0 + 10_000 * MS;
        session.onFrame(ClientSession.Frame.PONG);
        session.checkDeadlines(T0 + 25_000 * MS);
        assertEquals(0, transport.closes, "a pong 15 s ago is still in time");
        session.checkDeadlines(T0 + 25_000 * MS + 1);
        assertClosed(Protocol.CLOSE_TIMEOUT, "no traffic within the idle timeout");
        assertEquals(List.of("drop"), closedAndLeft(), "a silent connection is a drop: its seat is kept");
    }

    @Test
    void shouldPingAndLetTheOwedPongThroughFreeOfTheMessageLimit() {
        open(new SessionLimits(1, 2, 2, 5, 20, 40, 15_000, 5_000, 5_000, 1 << 20));
        session.ping();
        assertEquals(1, transport.pings);
        session.onFrame(ClientSession.Frame.PONG); // owed: free
        session.onFrame(ClientSession.Frame.PONG); // unasked: 1 token
        session.onFrame(ClientSession.Frame.DATA); // a data frame counts as its message
        session.onFrame(ClientSession.Frame.PONG); // unasked: the last token
        assertEquals(0, transport.closes);
        session.onFrame(ClientSession.Frame.PONG);
        assertClosed(Protocol.CLOSE_RATE_LIMITED, "pong frame rate limit");
        session.ping();
        assertEquals(1, transport.pings, "no ping on a closed connection");
    }

    @Test
    void shouldPingRightAfterTheJoinAndSmoothTheRoundTripsOfTheOwedPongs() {
        open(new SessionLimits(1, 1, 2, 5, 20, 40, 15_000, 5_000, 5_000, 1 << 20));
        session.onMessage(join("seat-1")); // the JOIN takes the only token
        assertEquals(1, transport.pings, "a ping right after the JOIN");
        assertEquals(-1, transport.rttMs, "unknown until a pong");
        now += 80 * MS;
        session.onFrame(ClientSession.Frame.PONG);
        assertEquals(80, transport.rttMs, "the first sample as it is");
        session.ping();
        now += 10 * MS;
        session.ping(); // two pings in flight: their pongs come in order
        now += 30 * MS;
        session.onFrame(ClientSession.Frame.PONG); // 40 ms after the first
        assertEquals(80 + (40 - 80) / 4, transport.rttMs);
        now += 20 * MS;
        session.onFrame(ClientSession.Frame.PONG); // 50 ms after the second
        assertEquals(70 + (50 - 70) / 4, transport.rttMs);
        assertEquals(0, transport.closes, "three owed pongs, all free");
        session.onFrame(ClientSession.Frame.PONG);
        assertClosed(Protocol.CLOSE_RATE_LIMITED, "pong frame rate limit");
        assertEquals(65, transport.rttMs, "an unasked pong is no sample");
    }

    @Test
    void shouldNotPingAfterTheJoinOnATransportWithoutPongs() {
        transport.pongs = false;
        joined();
        assertEquals(0, transport.pings);
        assertEquals(-1, transport.link().rttMs());
    }

    @Test
    void shouldCountClientPingsAndContinuationFramesAgainstTheMessageLimit() {
        open(new SessionLimits(1, 2, 2, 5, 20, 40, 15_000, 5_000, 5_000, 1 << 20));
        session.onFrame(ClientSession.Frame.PING);
        session.onFrame(ClientSession.Frame.CONTINUATION);
        session.onFrame(ClientSession.Frame.PING);
        assertClosed(Protocol.CLOSE_RATE_LIMITED, "ping frame rate limit");

        SessionFixture other = new SessionFixture() { };
        other.open(new SessionLimits(1, 1, 2, 5, 20, 40, 15_000, 5_000, 5_000, 1 << 20));
        other.session.onFrame(ClientSession.Frame.CONTINUATION);
        other.session.onFrame(ClientSession.Frame.CONTINUATION);
        assertEquals("continuation frame rate limit", other.transport.reason);
    }

    @Test
    void shouldCloseWith4010PastTheMessageLimitAndRefillIt() {
        joined(); // the JOIN took one token of 120
        send(input(1), 119);
        assertEquals(0, transport.closes);
        now += 1_001 * MS;
        send(input(1), 60);
        assertEquals(0, transport.closes, "60 more a second later");
        session.onMessage(input(1));
        assertClosed(Protocol.CLOSE_RATE_LIMITED, "message rate limit");
        session.onMessage(ping());
        assertEquals(1, transport.closes, "frames after the close are ignored");
        assertEquals(1, transport.violations.size());
        assertEquals(List.of("leave"), closedAndLeft(), "a violation is no drop: the seat is freed");
    }

    @Test
    void shouldDropChatLinesOverTheRateWithOneNoticeAndCloseAFlood() {
        joined();
        long drains = room.drains();
        send(chat("hi"), 5);
        assertEquals(drains + 5, room.drains(), "the burst goes to the room");
        session.onMessage(chat("too fast"));
        session.onMessage(chat("too fast"));
        assertEquals(drains + 5, room.drains(), "lines over the rate do not reach the room");
        assertEquals(List.of(ChatLimit.NOTICE), transport.sent, "one notice a second at most");
        assertEquals(0, transport.closes, "dropped, not closed");
        now += 1_000 * MS;
        send(chat("still too fast"), 13); // 20 lines within 1 s: two go on, a second notice
        assertEquals(drains + 7, room.drains());
        assertEquals(2, transport.sent.size());
        assertEquals(0, transport.closes);
        session.onMessage(chat("the 21st within 5 s"));
        assertClosed(Protocol.CLOSE_RATE_LIMITED, "chat flood");
    }

    @Test
    void shouldCloseWith4010PastTheGameMessageLimit() {
        joined();
        long drains = room.drains();
        send(game(3), 40);
        assertEquals(drains + 40, room.drains());
        assertEquals(0, transport.closes);
        session.onMessage(game(3));
        assertClosed(Protocol.CLOSE_RATE_LIMITED, "game message rate limit");
    }

    @Test
    void shouldApplyTheLimitsBeforeTheJoinToo() {
        open(new SessionLimits(60, 120, 2, 1, 20, 40, 15_000, 5_000, 5_000, 1 << 20));
        session.onMessage(chat("a"));
        assertClosed(Protocol.CLOSE_NOT_JOINED, "join first");

        SessionFixture other = new SessionFixture() { };
        other.open(new SessionLimits(60, 120, 2, 1, 20, 0, 15_000, 5_000, 5_000, 1 << 20));
        other.session.onMessage(other.game(1));
        assertEquals(Protocol.CLOSE_RATE_LIMITED, other.transport.serverCode, "the game limit comes first");
    }

    @Test
    void shouldCheckDeadlinesAtMostEverySecondAndAQuarterOfTheShortest() {
        assertEquals(1_000, DEFAULTS.deadlineCheckMs());
        assertEquals(250, new SessionLimits(60, 120, 2, 5, 20, 40, 15_000, 1_000, 5_000, 1).deadlineCheckMs());
        assertEquals(10, new SessionLimits(60, 120, 2, 5, 20, 40, 1, 1, 0, 1).deadlineCheckMs());
        assertEquals(10, new SessionLimits(60, 120, 2, 5, 20, 40, 1, 1, 0, 1).pingPeriodMs());
        assertEquals(5_000, DEFAULTS.pingPeriodMs());
    }

    private void assertClosed(short code, String reason) {
        assertTrue(transport.closed());
        assertEquals(code, transport.serverCode);
        assertEquals(reason, transport.reason);
        assertFalse(transport.violations.isEmpty(), "logged as a violation");
    }

    /** The room calls made when the transport reports its close, after the join ones. */
    private List<String> closedAndLeft() {
        int before = room.calls.size();
        session.onClosed();
        return room.calls.subList(before, room.calls.size());
    }
}
