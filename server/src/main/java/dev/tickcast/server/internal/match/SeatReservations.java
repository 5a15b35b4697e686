package dev.tickcast.server.internal.match;

import dev.tickcast.game.Identity;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Seats reserved and not claimed yet: each has a signed single-use seat token valid for the seat
 * timeout, and counts against its address's and the server's caps on unclaimed seats until it is
 * claimed or expires. Not thread-safe: see {@link Matchmaker}.
 */
final class SeatReservations {
    /** The kind letter of a seat token. */
    static final char KIND = 's';

    private record Reservation(ListedRoom entry, Identity identity, String reconnectToken, long expiresAtMs,
                               String address) {
    }

    private final SeatTokens tokens;
    private final long timeoutMs;
    private final int maxPerAddress;
    private final int maxTotal;
    /** In the order they were made, which is the order they expire in (one seat timeout for all). */
    private final Map<String, Reservation> byToken = new LinkedHashMap<>();
    private final Map<String, Integer> byAddress = new HashMap<>();

    SeatReservations(SeatTokens tokens, long timeoutMs, MatchLimits limits) {
        this.tokens = tokens;
        this.timeoutMs = timeoutMs;
        this.maxPerAddress = limits.maxUnclaimedSeatsPerAddress();
        this.maxTotal = limits.maxUnclaimedSeats();
    }

    /** How long a reservation waits for its claim. */
    long timeoutMs() {
        return timeoutMs;
    }

    /**
     * Why {@code address} may not reserve one more seat at {@code now}, or null. Only unexpired
     * seats count: when a cap would refuse, the expired reservations are released first (the
     * periodic sweep may not have run since they expired), as {@link #expire} does.
     */
    SeatGrant.Status refusal(String address, long now, Consumer<ListedRoom> released) {
        SeatGrant.Status refusal = capRefusal(address);
        if (refusal != null) {
            expire(now, false, released);
            refusal = capRefusal(address);
        }
        return refusal;
    }

    /** Reserves a seat in {@code entry} for {@code identity} at {@code now}; its seat token. */
    String reserve(ListedRoom entry, Identity identity, String address, String reconnectToken, long now) {
        long expiresAt = now + timeoutMs;
        String token = tokens.issue(KIND, entry.id, expiresAt);
        entry.reserved++;
        byToken.put(token, new Reservation(entry, identity, reconnectToken, expiresAt, address));
        byAddress.merge(address, 1, Integer::sum);
        return token;
    }

    /**
     * Claims the seat of a verified, unexpired seat token: it stops counting as reserved and
     * unclaimed, and its room counts one more seated player. USED if there is no such reservation
     * (claimed already, expired, or never made here); ROOM_CLOSED if its room has closed.
     */
    Claim claim(String token) {
        Reservation r = byToken.remove(token);
        if (r == null) {
            return Claim.refused(Claim.Status.USED);
        }
        release(r);
        if (r.entry.closed) {
            return Claim.refused(Claim.Status.ROOM_CLOSED);
        }
        r.entry.seated++;
        return new Claim(Claim.Status.OK, r.entry.room, r.identity, -1, r.reconnectToken);
    }

    /**
     * Releases the reservations expired at {@code now}, telling {@code released} each one's room.
     * Unless {@code all}, it stops at the first unexpired one (the oldest come first), so a check
     * costs what it releases; the periodic sweep reads them all, in case the clock stepped back.
     */
    void expire(long now, boolean all, Consumer<ListedRoom> released) {
        Iterator<Reservation> it = byToken.values().iterator();
        while (it.hasNext()) {
            Reservation r = it.next();
            if (now < r.expiresAtMs && !all) {
                return;
            }
            if (now >= r.expiresAtMs) {
                it.remove();
                release(r);
                released.accept(r.entry);
            }
        }
    }

    /** Forgets every reservation (shutdown). */
    void clear() {
        byToken.clear();
        byAddress.clear();
    }

    /** Unclaimed seats in total. */
    int unclaimed() {
        return byToken.size();
    }

    /** Unclaimed seats of {@code address}. */
    int unclaimedBy(String address) {
        return byAddress.getOrDefault(address, 0);
    }

    private SeatGrant.Status capRefusal(String address) {
        if (byToken.size() >= maxTotal) {
            return SeatGrant.Status.NO_CAPACITY;
        }
        return unclaimedBy(address) >= maxPerAddress ? SeatGrant.Status.TOO_MANY_SEATS : null;
    }

    private void release(Reservation r) {
        byAddress.computeIfPresent(r.address, (a, n) -> n > 1 ? n - 1 : null);
        r.entry.reserved--;
    }
}
