package dev.tickcast.server.internal.match;

import dev.tickcast.game.Identity;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Reconnection rights on a hand-driven millisecond clock: only while dropped, within the grace, once per drop. */
class ReconnectRightsTest {
    private static final long GRACE_MS = 15_000;
    private final SeatTokens tokens = new SeatTokens(new byte[32], new SecureRandom());
    private final ReconnectRights rights = new ReconnectRights(tokens);
    private final ListedRoom room = new ListedRoom("room1", null, false);
    private long now = 1_000;

    /** A seat claimed by {@code name} and taken in the room as {@code playerId}: its reconnection token. */
    private String seated(String name, int playerId) {
        String token = rights.issue(room.id, now);
        rights.claimed(token, Identity.guest(name));
        rights.joined(room, playerId, token);
        return token;
    }

    @Test
    void shouldResumeASeatOnlyWhileDroppedWithinTheGrace() {
        String token = seated("ann", 3);
        assertEquals(Claim.Status.USED, rights.claim(token, now).status(), "its player is connected");
        rights.dropped(token, now + GRACE_MS);
        now += GRACE_MS - 1;
        Claim back = rights.claim(token, now);
        assertEquals(Claim.Status.OK, back.status());
        assertEquals(3, back.playerId(), "the same seat");
        assertEquals("ann", back.name());
        assertEquals(token, back.reconnectToken(), "it keeps resuming the seat after later drops");
        assertEquals(Claim.Status.USED, rights.claim(token, now).status(), "used: its player is back");
        rights.dropped(token, now + GRACE_MS);
        now += GRACE_MS;
        assertEquals(Claim.Status.EXPIRED, rights.claim(token, now).status(), "the grace has passed");
    }

    @Test
    void shouldKnowWhereAVerifiedSubjectHoldsASeatUntilItIsFreed() {
        String token = rights.issue(room.id, now);
        rights.claimed(token, new Identity("user-1", "Ann", null));
        rights.joined(room, 0, token);
        seated("guest", 1);
        assertEquals(true, rights.holdsSeat("user-1", room));
        assertEquals(false, rights.holdsSeat("user-2", room));
        assertEquals(false, rights.holdsSeat(null, room), "guests are never matched");
        assertEquals(null, rights.seatOf(null, null));
        rights.freed(token);
        assertEquals(false, rights.holdsSeat("user-1", room), "the seat is freed (or taken over): forgotten");
    }

    @Test
    void shouldEndARightWhenItsSeatIsFreed() {
        String token = seated("ann", 0);
        rights.dropped(token, now + GRACE_MS);
        rights.freed(token);
        assertEquals(Claim.Status.EXPIRED, rights.claim(token, now).status());
    }

    @Test
    void shouldEndARightWhenItsRoomCloses() {
        String token = seated("ann", 0);
        rights.dropped(token, now + GRACE_MS);
        room.closed = true;
        assertEquals(Claim.Status.EXPIRED, rights.claim(token, now).status());
    }

    @Test
    void shouldGrantNoRightForARoomThatLeftTheDirectory() {
        String token = rights.issue(room.id, now);
        rights.claimed(token, Identity.guest("ann"));
        rights.joined(null, 0, token);
        rights.dropped(token, now + GRACE_MS);
        assertEquals(Claim.Status.EXPIRED, rights.claim(token, now).status());
    }

    @Test
    void shouldIssueATokenThatOutlivesAnyGrace() {
        SeatTokens.Parsed parsed = tokens.verify(rights.issue("room1", now));
        assertEquals(ReconnectRights.KIND, parsed.kind());
        assertEquals("room1", parsed.roomId());
        assertEquals(now + 24L * 3600 * 1000, parsed.expiresAtMs());
    }

    @Test
    void shouldForgetEveryRightOnClear() {
        String token = seated("ann", 0);
        rights.dropped(token, now + GRACE_MS);
        rights.clear();
        assertEquals(Claim.Status.EXPIRED, rights.claim(token, now).status());
    }
}
