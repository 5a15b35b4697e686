package dev.tickcast.server.internal.match;

import dev.tickcast.game.Identity;
import dev.tickcast.server.internal.room.Room;

/**
 * The answer to a JOIN's token: the room and the player's identity on success, else why not.
 *
 * @param status   the outcome
 * @param room     the room (on success)
 * @param identity the player's identity (on success; a reconnection resumes with the seat's own)
 * @param playerId       for a reconnection, the seat to resume; -1 for a new player; {@link #SPECTATOR} for a spectator
 * @param reconnectToken the token that resumes this seat after a drop
 */
public record Claim(Status status, Room room, Identity identity, int playerId, String reconnectToken) {
    /** The {@code playerId} of a spectator's claim (the admin page's live view): no seat. */
    public static final int SPECTATOR = -2;

    /** Outcomes of a claim; each refusal maps to a close code in docs/PROTOCOL.md. */
    public enum Status {
        /** The seat is the caller's. */
        OK,
        /** Missing, malformed, forged or unknown token (4002). */
        INVALID,
        /** A genuine token past its expiry (4007). */
        EXPIRED,
        /** A genuine token already used (4008). */
        USED,
        /** The room has closed (4005). */
        ROOM_CLOSED
    }

    static Claim refused(Status status) {
        return new Claim(status, null, null, -1, null);
    }

    /** The player's name, or null for a refusal. */
    public String name() {
        return identity == null ? null : identity.name();
    }

    /** True on success. */
    public boolean ok() {
        return status == Status.OK;
    }
}
