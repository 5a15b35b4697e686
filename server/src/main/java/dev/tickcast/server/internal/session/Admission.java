package dev.tickcast.server.internal.session;

import dev.tickcast.game.Identity;
import dev.tickcast.server.internal.room.RoomEntry;
import dev.tickcast.server.internal.match.Claim;

/**
 * What a JOIN's token opens: a room and the way into it (a new seat, a dropped seat to resume, or
 * a spectator's view), or why not.
 *
 * @param status         the outcome of the claim; each refusal has its close code (docs/PROTOCOL.md 12.2)
 * @param room           the room (on success)
 * @param identity       the player's identity (on success)
 * @param seat           the seat to resume, {@link #NEW_SEAT} for a new player, {@link #SPECTATOR} for a spectator
 * @param reconnectToken the token that resumes this seat after a drop
 */
public record Admission(Claim.Status status, RoomEntry room, Identity identity, int seat, String reconnectToken) {
    /** The {@code seat} of a new player. */
    public static final int NEW_SEAT = -1;
    /** The {@code seat} of a spectator: it has none. */
    public static final int SPECTATOR = Claim.SPECTATOR;

    /** The admission a matchmaker's claim gives. */
    public static Admission of(Claim claim) {
        if (!claim.ok()) {
            return refused(claim.status());
        }
        return new Admission(claim.status(), claim.room(), claim.identity(), claim.playerId(),
                claim.reconnectToken());
    }

    /** A refusal for {@code status}. */
    public static Admission refused(Claim.Status status) {
        return new Admission(status, null, null, NEW_SEAT, null);
    }
}
