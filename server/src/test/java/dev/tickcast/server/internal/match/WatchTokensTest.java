package dev.tickcast.server.internal.match;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Spectator tokens on a hand-driven millisecond clock: single use, no seat, forgotten once expired. */
class WatchTokensTest {
    private static final long LIFETIME_MS = 10_000;
    private final SeatTokens tokens = new SeatTokens(new byte[32], new SecureRandom());
    private final WatchTokens watches = new WatchTokens(tokens, LIFETIME_MS);
    private final ListedRoom room = new ListedRoom("room1", null, false);
    private long now = 1_000;

    @Test
    void shouldLetASpectatorInOnce() {
        String token = watches.issue(room, now);
        SeatTokens.Parsed parsed = tokens.verify(token);
        assertEquals(WatchTokens.KIND, parsed.kind());
        assertEquals(now + LIFETIME_MS, parsed.expiresAtMs());
        Claim claim = watches.claim(token);
        assertEquals(Claim.Status.OK, claim.status());
        assertEquals(Claim.SPECTATOR, claim.playerId(), "no seat");
        assertEquals(0, room.taken());
        assertEquals(Claim.Status.USED, watches.claim(token).status());
    }

    @Test
    void shouldRefuseASpectatorOfARoomThatClosed() {
        String token = watches.issue(room, now);
        room.closed = true;
        assertEquals(Claim.Status.ROOM_CLOSED, watches.claim(token).status());
    }

    @Test
    void shouldForgetExpiredTokens() {
        watches.issue(room, now);
        now += LIFETIME_MS - 1;
        String later = watches.issue(room, now);
        watches.expire(now);
        assertEquals(2, watches.outstanding());
        now += 1;
        watches.expire(now);
        assertEquals(1, watches.outstanding(), "the first one expired, used or not");
        watches.clear();
        assertEquals(0, watches.outstanding());
        assertEquals(Claim.Status.USED, watches.claim(later).status());
    }
}
