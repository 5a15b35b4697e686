package dev.tickcast.server.internal.match;

import dev.tickcast.game.Identity;

import java.util.HashMap;
import java.util.Map;

/**
 * Spectator tokens (the admin page's live view): signed, single-use, valid for the seat timeout,
 * and taking no seat. Not thread-safe: see {@link Matchmaker}.
 */
final class WatchTokens {
    private static final Identity SPECTATOR = Identity.guest("spectator");
    /** The kind letter of a spectator token. */
    static final char KIND = 'w';

    private record Watch(ListedRoom entry, long expiresAtMs) {
    }

    private final SeatTokens tokens;
    private final long lifetimeMs;
    private final Map<String, Watch> watches = new HashMap<>();

    WatchTokens(SeatTokens tokens, long lifetimeMs) {
        this.tokens = tokens;
        this.lifetimeMs = lifetimeMs;
    }

    /** A new token to watch the room of {@code entry}, issued at {@code now}. */
    String issue(ListedRoom entry, long now) {
        long expiresAt = now + lifetimeMs;
        String token = tokens.issue(KIND, entry.id, expiresAt);
        watches.put(token, new Watch(entry, expiresAt));
        return token;
    }

    /** Uses a verified, unexpired spectator token: USED the second time, ROOM_CLOSED if its room has. */
    Claim claim(String token) {
        Watch w = watches.remove(token);
        if (w == null) {
            return Claim.refused(Claim.Status.USED);
        }
        if (w.entry.closed) {
            return Claim.refused(Claim.Status.ROOM_CLOSED);
        }
        return new Claim(Claim.Status.OK, w.entry.room, SPECTATOR, Claim.SPECTATOR, null);
    }

    /** Forgets the tokens expired at {@code now}, used or not. */
    void expire(long now) {
        watches.values().removeIf(w -> now >= w.expiresAtMs);
    }

    /** Forgets every token (shutdown). */
    void clear() {
        watches.clear();
    }

    /** Tokens issued and neither used nor forgotten. */
    int outstanding() {
        return watches.size();
    }
}
