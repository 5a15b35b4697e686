package dev.tickcast.server.internal.match;

/**
 * A reserved seat, or why there is none, as the matchmaker answers over HTTP.
 *
 * @param status      the outcome
 * @param roomId      the room the seat is in
 * @param token       the seat token to present in JOIN; signed, short-lived and single-use
 * @param game        the game name
 * @param expiresInMs how long the seat stays reserved if no JOIN claims it
 * @param reconnectToken presented in JOIN after a dropped connection, it resumes the same seat and entity
 *                       within the grace period
 */
public record SeatGrant(Status status, String roomId, String token, String game, long expiresInMs,
                        String reconnectToken) {
    /** Outcomes of a seat request; each refusal maps to an HTTP status. */
    public enum Status {
        /** A seat was reserved (200). */
        OK,
        /** No such game (404). */
        NO_GAME,
        /** No such room, or it has closed (404). */
        NO_ROOM,
        /** The room is full (409). */
        FULL,
        /** The caller's address holds too many unclaimed seats (429). */
        TOO_MANY_SEATS,
        /** The server holds too many rooms or unclaimed seats to take more (503). */
        NO_CAPACITY
    }

    static SeatGrant refused(Status status) {
        return new SeatGrant(status, null, null, null, 0, null);
    }
}
