package dev.tickcast.server.internal.match;

import dev.tickcast.server.internal.room.Room;

import java.util.HashMap;
import java.util.Map;

/**
 * Reconnection rights: each seat reservation comes with a signed reconnection token, which the
 * seat's player may present in JOIN to resume its seat, only while it is dropped and within the
 * grace its room granted, and once per drop. The right ends when its seat is freed or its room
 * closes. Not thread-safe: see {@link Matchmaker}.
 */
final class ReconnectRights {
    /** The kind letter of a reconnection token. */
    static final char KIND = 'r';
    /** A reconnection token is honoured only while its player is dropped; this bounds its life anyway. */
    private static final long TOKEN_LIFETIME_MS = 24L * 3600 * 1000;

    /** A seated player's right; {@code droppedUntilMs} is 0 while it is connected. */
    private static final class Right {
        final ListedRoom entry;
        final int playerId;
        final String name;
        long droppedUntilMs;

        Right(ListedRoom entry, int playerId, String name) {
            this.entry = entry;
            this.playerId = playerId;
            this.name = name;
        }
    }

    private final SeatTokens tokens;
    private final Map<String, Right> rights = new HashMap<>();
    /** The names of claimed seats whose room has not seated the player yet, by reconnection token. */
    private final Map<String, String> names = new HashMap<>();

    ReconnectRights(SeatTokens tokens) {
        this.tokens = tokens;
    }

    /** A new reconnection token for a seat being reserved in {@code roomId} at {@code now}. */
    String issue(String roomId, long now) {
        return tokens.issue(KIND, roomId, now + TOKEN_LIFETIME_MS);
    }

    /** The seat of {@code token} was claimed by {@code name}; the room will seat the player next. */
    void claimed(String token, String name) {
        names.put(token, name);
    }

    /** The room of {@code entry} (null once it left the directory) seated {@code playerId}: the right starts. */
    void joined(ListedRoom entry, int playerId, String token) {
        String name = names.remove(token);
        if (entry != null && token != null) {
            rights.put(token, new Right(entry, playerId, name));
        }
    }

    /** The player of {@code token} dropped: its token resumes the seat until {@code untilMs}. */
    void dropped(String token, long untilMs) {
        Right r = rights.get(token);
        if (r != null) {
            r.droppedUntilMs = untilMs;
        }
    }

    /** The seat of {@code token} was freed for good: the right ends. */
    void freed(String token) {
        if (token != null) {
            rights.remove(token);
            names.remove(token);
        }
    }

    /** Ends every right in {@code room} (it closed). */
    void forget(Room room) {
        rights.values().removeIf(r -> r.entry.room == room);
    }

    /**
     * Resumes the seat of a verified, unexpired reconnection token at {@code now}: EXPIRED if the
     * right ended, its room closed or the grace passed; USED if its player is connected (the token
     * was used already, or never needed).
     */
    Claim claim(String token, long now) {
        Right r = rights.get(token);
        if (r == null || r.entry.closed || (r.droppedUntilMs != 0 && now >= r.droppedUntilMs)) {
            return Claim.refused(Claim.Status.EXPIRED);
        }
        if (r.droppedUntilMs == 0) {
            return Claim.refused(Claim.Status.USED);
        }
        r.droppedUntilMs = 0;
        return new Claim(Claim.Status.OK, r.entry.room, r.name, r.playerId, token);
    }

    /** Forgets every right (shutdown). */
    void clear() {
        rights.clear();
        names.clear();
    }
}
