package dev.tickcast.server.internal.match;

import dev.tickcast.game.GameSpec;
import dev.tickcast.game.Identity;
import dev.tickcast.server.internal.room.Room;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reconnection rights: each seat reservation comes with a signed reconnection token, which the
 * seat's player may present in JOIN to resume its seat, with the identity it joined with, only
 * while it is dropped and within the grace its room granted, and once per drop. The right ends
 * when its seat is freed (its player left, or a newer login of the same identity took the seat
 * over) or its room closes. The rights of verified players are also kept by subject, so that a
 * second login of a subject can be placed in the room where it already holds a seat. Not
 * thread-safe: see {@link Matchmaker}.
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
        final Identity identity;
        long droppedUntilMs;

        Right(ListedRoom entry, int playerId, Identity identity) {
            this.entry = entry;
            this.playerId = playerId;
            this.identity = identity;
        }
    }

    private final SeatTokens tokens;
    private final Map<String, Right> rights = new HashMap<>();
    /** The identities of claimed seats whose room has not seated the player yet, by reconnection token. */
    private final Map<String, Identity> claimed = new HashMap<>();
    /** The rights of verified players, by subject (a subject may hold seats in several rooms). */
    private final Map<String, List<Right>> bySubject = new HashMap<>();

    ReconnectRights(SeatTokens tokens) {
        this.tokens = tokens;
    }

    /** A new reconnection token for a seat being reserved in {@code roomId} at {@code now}. */
    String issue(String roomId, long now) {
        return tokens.issue(KIND, roomId, now + TOKEN_LIFETIME_MS);
    }

    /** The seat of {@code token} was claimed by {@code identity}; the room will seat the player next. */
    void claimed(String token, Identity identity) {
        claimed.put(token, identity);
    }

    /** The room of {@code entry} (null once it left the directory) seated {@code playerId}: the right starts. */
    void joined(ListedRoom entry, int playerId, String token) {
        Identity identity = claimed.remove(token);
        if (entry != null && token != null && identity != null) {
            Right right = new Right(entry, playerId, identity);
            rights.put(token, right);
            if (identity.verified()) {
                bySubject.computeIfAbsent(identity.subject(), s -> new ArrayList<>(1)).add(right);
            }
        }
    }

    /** The player of {@code token} dropped: its token resumes the seat until {@code untilMs}. */
    void dropped(String token, long untilMs) {
        Right r = rights.get(token);
        if (r != null) {
            r.droppedUntilMs = untilMs;
        }
    }

    /** The seat of {@code token} was freed for good (or taken over): the right ends. */
    void freed(String token) {
        if (token != null) {
            unindex(rights.remove(token));
            claimed.remove(token);
        }
    }

    /** Ends every right in {@code room} (it closed). */
    void forget(Room room) {
        rights.values().removeIf(r -> {
            if (r.entry.room != room) {
                return false;
            }
            unindex(r);
            return true;
        });
    }

    /**
     * The first open public room of {@code spec} in which {@code subject} holds a seat (connected,
     * or dropped and maybe within its grace), or null; null for a guest (no subject).
     */
    ListedRoom seatOf(String subject, GameSpec spec) {
        List<Right> held = subject == null ? null : bySubject.get(subject);
        if (held != null) {
            for (Right r : held) {
                if (!r.entry.closed && !r.entry.isPrivate && r.entry.room.spec() == spec) {
                    return r.entry;
                }
            }
        }
        return null;
    }

    /** True if {@code subject} (null: a guest, never) holds a seat in {@code entry}. */
    boolean holdsSeat(String subject, ListedRoom entry) {
        List<Right> held = subject == null ? null : bySubject.get(subject);
        if (held != null) {
            for (Right r : held) {
                if (r.entry == entry) {
                    return true;
                }
            }
        }
        return false;
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
        return new Claim(Claim.Status.OK, r.entry.room, r.identity, r.playerId, token);
    }

    /** Forgets every right (shutdown). */
    void clear() {
        rights.clear();
        claimed.clear();
        bySubject.clear();
    }

    private void unindex(Right r) {
        if (r == null || !r.identity.verified()) {
            return;
        }
        List<Right> held = bySubject.get(r.identity.subject());
        if (held != null && held.remove(r) && held.isEmpty()) {
            bySubject.remove(r.identity.subject());
        }
    }
}
