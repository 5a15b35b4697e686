package dev.tickcast.server.internal.match;

import static dev.tickcast.game.Identity.guest;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Seat reservations on a hand-driven millisecond clock: expiry, the unclaimed-seat caps, single use. */
class SeatReservationsTest {
    private static final long SEAT_MS = 10_000;
    private static final String ANN = "198.51.100.1";
    private static final String BOB = "198.51.100.2";
    private final SeatTokens tokens = new SeatTokens(new byte[32], new SecureRandom());
    private final ListedRoom room = new ListedRoom("room1", null, false);
    private final List<ListedRoom> released = new ArrayList<>();
    private long now = 1_000;

    private SeatReservations seats(MatchLimits limits) {
        return new SeatReservations(tokens, SEAT_MS, limits);
    }

    @Test
    void shouldReleaseASeatNotClaimedWithinTheTimeout() {
        SeatReservations seats = seats(MatchLimits.NONE);
        String token = seats.reserve(room, guest("ann"), ANN, "reconnect", now);
        assertEquals(now + SEAT_MS, tokens.verify(token).expiresAtMs());
        assertEquals(1, room.reserved);
        assertEquals(1, seats.unclaimed());
        assertEquals(1, seats.unclaimedBy(ANN));
        now += SEAT_MS - 1;
        seats.expire(now, false, released::add);
        assertEquals(List.of(), released, "one ms before its timeout the seat holds");
        now += 1;
        seats.expire(now, false, released::add);
        assertEquals(List.of(room), released, "its room is told, to be closed if it is empty");
        assertEquals(0, room.reserved);
        assertEquals(0, seats.unclaimed(), "the total falls back");
        assertEquals(0, seats.unclaimedBy(ANN), "the address's count falls back");
        assertEquals(Claim.Status.USED, seats.claim(token).status(), "its reservation is gone");
    }

    @Test
    void shouldStopAtTheFirstUnexpiredSeatUnlessSweepingThemAll() {
        SeatReservations seats = seats(MatchLimits.NONE);
        seats.reserve(room, guest("late"), ANN, "r1", 10_000);
        seats.reserve(room, guest("early"), BOB, "r2", 1_000); // the clock stepped back
        seats.expire(11_000, false, released::add);
        assertEquals(2, seats.unclaimed(), "the oldest is unexpired: a check stops there");
        seats.expire(11_000, true, released::add);
        assertEquals(1, seats.unclaimed(), "the sweep reads them all");
        assertEquals(0, seats.unclaimedBy(BOB));
        assertEquals(1, seats.unclaimedBy(ANN));
    }

    @Test
    void shouldCapUnclaimedSeatsPerAddressAndInTotal() {
        SeatReservations seats = seats(new MatchLimits(100, 2, 3));
        String first = seats.reserve(room, guest("a"), ANN, "r1", now);
        seats.reserve(room, guest("a"), ANN, "r2", now);
        assertEquals(SeatGrant.Status.TOO_MANY_SEATS, seats.refusal(ANN, now, released::add));
        assertNull(seats.refusal(BOB, now, released::add));
        seats.reserve(room, guest("b"), BOB, "r3", now);
        assertEquals(SeatGrant.Status.NO_CAPACITY, seats.refusal("198.51.100.3", now, released::add));
        assertEquals(Claim.Status.OK, seats.claim(first).status());
        assertNull(seats.refusal(ANN, now, released::add), "a claimed seat is no longer unclaimed");
        assertEquals(1, seats.unclaimedBy(ANN));
        assertEquals(2, seats.unclaimed());
    }

    @Test
    void shouldReleaseExpiredSeatsBeforeRefusing() {
        SeatReservations seats = seats(new MatchLimits(100, 1, 100));
        seats.reserve(room, guest("a"), ANN, "r1", now);
        now += SEAT_MS - 1;
        assertEquals(SeatGrant.Status.TOO_MANY_SEATS, seats.refusal(ANN, now, released::add));
        assertEquals(List.of(), released);
        now += 1;
        assertNull(seats.refusal(ANN, now, released::add), "the expired seat counts no more");
        assertEquals(List.of(room), released);
    }

    @Test
    void shouldClaimASeatOnce() {
        SeatReservations seats = seats(MatchLimits.NONE);
        String token = seats.reserve(room, guest("ann"), ANN, "reconnect", now);
        Claim claim = seats.claim(token);
        assertEquals(Claim.Status.OK, claim.status());
        assertEquals("ann", claim.name());
        assertEquals(-1, claim.playerId(), "a new player");
        assertEquals("reconnect", claim.reconnectToken());
        assertEquals(0, room.reserved);
        assertEquals(1, room.seated);
        assertEquals(Claim.Status.USED, seats.claim(token).status());
        assertEquals(1, room.seated);
    }

    @Test
    void shouldRefuseASeatWhoseRoomClosedAndReleaseIt() {
        SeatReservations seats = seats(MatchLimits.NONE);
        String token = seats.reserve(room, guest("ann"), ANN, "reconnect", now);
        room.closed = true;
        assertEquals(Claim.Status.ROOM_CLOSED, seats.claim(token).status());
        assertEquals(0, seats.unclaimed());
        assertEquals(0, seats.unclaimedBy(ANN));
        assertEquals(0, room.seated);
        assertEquals(0, room.reserved);
    }

    @Test
    void shouldForgetEverySeatOnClear() {
        SeatReservations seats = seats(new MatchLimits(100, 1, 100));
        String token = seats.reserve(room, guest("ann"), ANN, "reconnect", now);
        seats.clear();
        assertEquals(0, seats.unclaimed());
        assertNull(seats.refusal(ANN, now, released::add));
        assertEquals(Claim.Status.USED, seats.claim(token).status());
    }
}
